using System.ComponentModel.DataAnnotations;

namespace PhysioPortal.Core.Text;

/// <summary>
/// Refuses control characters and line breaks in a name-like field (clinic name, a person's name, an address): the value
/// is shown in email subjects, sender names and handouts, where a line break would start a new header.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    public SingleLineAttribute()
        : base("The {0} contains characters that cannot be stored (control characters or line breaks).")
    {
    }

    public override bool IsValid(object? value) => value is not string s || StorableText.IsSingleLine(s);
}
