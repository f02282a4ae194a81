using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Bench;

/// <summary>
/// The floor of a handout on this stack: PDFsharp writing the same text runs (same strings, fonts, sizes, positions
/// and pages as a laid out handout) straight onto pages, with no composition, measuring, wrapping, page breaking,
/// pictures, tagging or finishing pass. No handout can be made faster with PDFsharp than this.
/// </summary>
internal sealed class HandoutFloor
{
    private sealed record Run(double X, double Baseline, string Text, bool Bold, double Size);

    private readonly (double Width, double Height) _pageSize;
    private readonly List<List<Run>> _pages;

    public HandoutFloor(LaidOutDocument laidOut)
    {
        _pageSize = (laidOut.PageSize.Width, laidOut.PageSize.Height);
        _pages = [.. laidOut.Pages.Select(p => p.Commands.OfType<TextCommand>()
            .Where(t => !string.IsNullOrEmpty(t.Text))
            .Select(t => new Run(t.X, t.Baseline, t.Text, t.Style.Bold, t.Style.Size)).ToList())];
    }

    public int TextRuns => _pages.Sum(p => p.Count);

    public int Characters => _pages.Sum(p => p.Sum(r => r.Text.Length));

    /// <summary>One PDF of the text runs into <paramref name="output"/>, compressed as the handout's streams are.</summary>
    public void Write(Stream output)
    {
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var fonts = new Dictionary<(bool, double), XFont>();
        foreach (var runs in _pages)
        {
            var page = document.AddPage();
            page.Width = XUnitPt.FromPoint(_pageSize.Width);
            page.Height = XUnitPt.FromPoint(_pageSize.Height);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var run in runs)
            {
                if (!fonts.TryGetValue((run.Bold, run.Size), out var font))
                {
                    fonts[(run.Bold, run.Size)] = font = new XFont(EmbeddedFontResolver.FamilyName, run.Size,
                        run.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
                }
                gfx.DrawString(run.Text, font, XBrushes.Black, run.X, run.Baseline, XStringFormats.BaseLineLeft);
            }
        }
        document.Save(output, closeStream: false);
    }
}
