using System.Globalization;
using System.Text;

namespace PhysioPortal.Core.Handouts;

/// <summary>
/// The file name a downloaded handout gets, e.g. "exercise-routine-muller-lukasiewicz-2026-03-14.pdf": the plain
/// ASCII form for the <c>filename</c> parameter, and the form with the name's own letters for <c>filename*</c>.
/// </summary>
public static class HandoutFileName
{
    private const string Prefix = "exercise-routine";

    /// <summary>Letters that Unicode does not decompose into a base letter and an accent.</summary>
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ł'] = "l", ['Ł'] = "l", ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d", ['ß'] = "ss", ['æ'] = "ae",
        ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe", ['þ'] = "th", ['Þ'] = "th", ['ð'] = "d", ['Ð'] = "d", ['ı'] = "i",
    };

    public static string Ascii(string lastName, DateOnly date) => Compose(Slug(lastName, ascii: true), date);

    public static string Unicode(string lastName, DateOnly date) => Compose(Slug(lastName, ascii: false), date);

    private static string Compose(string name, DateOnly date) =>
        $"{Prefix}{(name.Length > 0 ? "-" + name : "")}-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf";

    /// <summary>Lower case; letters and digits kept, everything else one hyphen; at most 40 characters.</summary>
    private static string Slug(string text, bool ascii)
    {
        var sb = new StringBuilder();
        foreach (var ch in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark)
            {
                if (!ascii)
                    sb.Append(ch);
                continue;
            }

            if (ascii && Transliterations.TryGetValue(ch, out var plain))
                sb.Append(plain);
            else if (ascii ? char.IsAsciiLetterOrDigit(ch) : char.IsLetterOrDigit(ch))
                sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }

        var slug = sb.ToString().Normalize(NormalizationForm.FormC).Trim('-');
        if (slug.Length <= 40)
            return slug;
        var cut = char.IsHighSurrogate(slug[39]) ? 39 : 40;
        return slug[..cut].TrimEnd('-');
    }
}
