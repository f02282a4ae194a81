using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Measures text with the same fonts PDFsharp draws with. Character advance widths are measured once per
/// process and cached (PDFsharp does not kern, so a string's width is the sum of its characters' widths).
/// Thread-safe.
/// </summary>
public sealed class PdfSharpTextMeasurer : ITextMeasurer
{
    private const double ReferenceSize = 1000;
    private static readonly Lock MeasureGate = new();
    private static readonly ConcurrentDictionary<(string Family, bool Bold, int CodePoint), double> Advances = new();
    private static readonly ConcurrentDictionary<(string Family, bool Bold), (double Ascent, double Descent)> UnitMetrics = new();
    private static XGraphics? measureContext;

    public PdfSharpTextMeasurer(string fontFamily = EmbeddedFontResolver.FamilyName)
    {
        EmbeddedFontResolver.EnsureInstalled();
        FontFamily = fontFamily;
    }

    public string FontFamily { get; }

    public double MeasureWidth(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        double units = 0;
        foreach (var rune in ScriptText.Visual(text).EnumerateRunes())
            units += Advance(EmbeddedFontResolver.FamilyFor(rune.Value, FontFamily), style.Bold, rune);
        return units * style.Size;
    }

    public FontMetrics GetMetrics(TextStyle style)
    {
        var (ascent, descent) = UnitMetrics.GetOrAdd((FontFamily, style.Bold), key =>
        {
            var metrics = CreateFont(key.Family, key.Bold, ReferenceSize).Metrics;
            return (metrics.Ascent / (double)metrics.UnitsPerEm, Math.Abs(metrics.Descent) / (double)metrics.UnitsPerEm);
        });
        return new FontMetrics(ascent * style.Size, descent * style.Size);
    }

    internal static XFont CreateFont(string family, bool bold, double size) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>
    /// The runs of a line as drawn: its characters in visual order (see <see cref="ScriptText"/>), split where the
    /// family that has the glyphs changes, each with its width.
    /// </summary>
    public IReadOnlyList<(string Text, string Family, double Width)> Runs(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var runs = new List<(string, string, double)>();
        var current = new StringBuilder();
        string? family = null;
        double width = 0;
        foreach (var rune in ScriptText.Visual(text).EnumerateRunes())
        {
            var f = EmbeddedFontResolver.FamilyFor(rune.Value, FontFamily);
            if (family is not null && f != family)
            {
                runs.Add((current.ToString(), family, width * style.Size));
                current.Clear();
                width = 0;
            }
            family = f;
            current.Append(rune.ToString());
            width += Advance(f, style.Bold, rune);
        }
        if (family is not null) runs.Add((current.ToString(), family, width * style.Size));
        return runs;
    }

    private static double Advance(string family, bool bold, Rune rune)
    {
        var key = (family, bold, rune.Value);
        if (Advances.TryGetValue(key, out var advance))
            return advance;
        lock (MeasureGate)
        {
            measureContext ??= XGraphics.CreateMeasureContext(
                new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
            var font = CreateFont(family, bold, ReferenceSize);
            advance = measureContext.MeasureString(rune.ToString(), font).Width / ReferenceSize;
        }

        Advances[key] = advance;
        return advance;
    }
}
