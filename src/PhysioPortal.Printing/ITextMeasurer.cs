namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>Vertical font metrics in points for one style: ascent above and descent below the baseline (both positive).</summary>
public readonly record struct FontMetrics(double Ascent, double Descent);

/// <summary>
/// The only thing layout needs from a font: how wide a piece of text is, and how tall the font is.
/// Implementations must be consistent: the width of a string is the sum of the widths of its characters.
/// </summary>
public interface ITextMeasurer
{
    double MeasureWidth(string text, TextStyle style);

    FontMetrics GetMetrics(TextStyle style);
}
