using MimeKit;
using PhysioPortal.Core.Text;

namespace PhysioPortal.Core.Email;

/// <summary>
/// An email that cannot be composed safely: an address that is not exactly one mailbox, or a name, subject or header
/// with a line break or control character (stored before the forms refused them). Permanent: sending again cannot fix
/// it; the data must be corrected.
/// </summary>
public sealed class UnsendableEmailException : Exception
{
    public UnsendableEmailException()
    {
    }

    public UnsendableEmailException(string message)
        : base(message)
    {
    }

    public UnsendableEmailException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public static void CheckLine(string? value, string what)
    {
        if (!StorableText.IsSingleLine(value))
            throw new UnsendableEmailException($"Not sent: the {what} contains a line break or control character. Correct it and send again.");
    }

    public static void CheckAddress(string? address, string what)
    {
        if (string.IsNullOrWhiteSpace(address) || !StorableText.IsSingleLine(address) || address.Any(char.IsWhiteSpace)
            || !MailboxAddress.TryParse(address, out var mailbox) || !string.Equals(mailbox.Address, address, StringComparison.Ordinal))
            throw new UnsendableEmailException($"Not sent: the {what} is not a valid email address (it may contain a line break or spaces). Correct it and send again.");
    }
}
