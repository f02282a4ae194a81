using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace PhysioPortal.Tests.Handouts;

/// <summary>A handout read back with PdfPig: the text of each page, as a reader of the PDF gets it.</summary>
public sealed partial class HandoutPdf
{
    private HandoutPdf(IReadOnlyList<string> pages, IReadOnlyList<(double Width, double Height)> sizes)
    {
        Pages = pages;
        PageSizes = sizes;
        Squeezed = pages.Select(Squeeze).ToList();
    }

    /// <summary>The text of each page, in drawing order (lines run together).</summary>
    public IReadOnlyList<string> Pages { get; }

    public IReadOnlyList<(double Width, double Height)> PageSizes { get; }

    /// <summary>Each page's text without any white space, so a wrapped line compares equal to the unwrapped text.</summary>
    public IReadOnlyList<string> Squeezed { get; }

    public int PageCount => Pages.Count;

    public string AllText => string.Join("\n", Pages);

    public static HandoutPdf Read(byte[] pdf)
    {
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Checkers.Qpdf.AssertValid(pdf); // every handout a test reads is also checked by qpdf
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        return new HandoutPdf(pages.Select(p => p.Text).ToList(), pages.Select(p => (p.Width, p.Height)).ToList());
    }

    public static string Squeeze(string text) => WhiteSpace().Replace(text, "");

    /// <summary>
    /// Finds <paramref name="text"/> (white space ignored) at or after a position in the whole document; returns
    /// the page (0-based) and the position just after it, or fails naming what is missing.
    /// </summary>
    public (int Page, (int Page, int Offset) Next) Find(string text, (int Page, int Offset) from, string what)
    {
        var needle = Squeeze(text);
        for (var page = from.Page; page < Squeezed.Count; page++)
        {
            var index = Squeezed[page].IndexOf(needle, page == from.Page ? from.Offset : 0, StringComparison.Ordinal);
            if (index >= 0)
                return (page, (page, index + needle.Length));
        }

        Assert.Fail($"{what} \"{text}\" is missing from the handout, or out of order.");
        return default;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
