using System.Net.Mail;

namespace PhysioPortal.Core;

/// <summary>
/// Checks on text people type before it is stored: characters PostgreSQL or a reader cannot take, and email
/// addresses a mail server will accept.
/// </summary>
public static class StorableText
{
    /// <summary>Trimmed, or null when empty or only white space.</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Control characters (NUL cannot even be stored in PostgreSQL) and broken UTF-16.</summary>
    public static bool HasForbiddenCharacters(string s, bool allowLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(s);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return true;
            if (allowLineBreaks && c is '\n' or '\t') continue;
            if (char.IsControl(c) || c is '\u2028' or '\u2029') return true;
        }
        return false;
    }

    /// <summary>
    /// A one-line value (a name, an address, a phone number) is safe for email headers, subjects, PDFs and page titles:
    /// CR and LF would split an email header in two.
    /// </summary>
    public static bool IsSingleLine(string? s) => s is null || !HasForbiddenCharacters(s, allowLineBreaks: false);

    /// <summary>A plain address (no display name, no spaces) with a dotted domain, such as name@example.com.</summary>
    public static bool IsEmailAddress(string email) =>
        !HasForbiddenCharacters(email, allowLineBreaks: false)
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && string.IsNullOrEmpty(address.DisplayName)
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
}
