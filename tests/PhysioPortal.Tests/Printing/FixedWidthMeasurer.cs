using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Tests.Printing;

/// <summary>Every character is <c>Size × 0.5</c> points wide; ascent 0.8 and descent 0.2 of the size.</summary>
internal sealed class FixedWidthMeasurer : ITextMeasurer
{
    public double MeasureWidth(string text, TextStyle style) => text.EnumerateRunes().Count() * style.Size * 0.5;

    public FontMetrics GetMetrics(TextStyle style) => new(style.Size * 0.8, style.Size * 0.2);
}
