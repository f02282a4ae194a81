using System.Globalization;
using System.Net;
using System.Text;

namespace PhysioPortal.Core.Illustrations;

/// <summary>
/// Writes drawings as SVG for the web: presentation attributes only (no style element, no script), so it works
/// inline under a CSP without 'unsafe-inline'. Coordinates are whole numbers at <see cref="Scale"/> units per H.
/// </summary>
public static class SvgWriter
{
    public const int Scale = 200;

    /// <summary>Space between the two frames of a pair, in H; a small chevron sits in it.</summary>
    public const double Gap = 0.16;

    /// <summary>The two frames side by side, the first on the left.</summary>
    public static string Pair(Drawing start, Drawing end, string label, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var sb = new StringBuilder(3500);
        var width = start.Width + Gap + end.Width;
        Open(sb, width, Math.Max(start.Height, end.Height), label, cssClass);
        sb.Append("<g class=\"f1\">");
        Frame(sb, start);
        sb.Append("</g>");
        var cx = start.Width + Gap / 2;
        var cy = start.Height * 0.5;
        sb.Append("<path d=\"M").Append(N(cx - 0.025)).Append(' ').Append(N(cy - 0.045)).Append('L').Append(N(cx + 0.025)).Append(' ')
            .Append(N(cy)).Append(' ').Append(N(cx - 0.025)).Append(' ').Append(N(cy + 0.045)).Append("\" stroke=\"")
            .Append(Palette.Hex(Ink.PropLight)).Append("\" stroke-width=\"").Append(N(0.02)).Append("\"/>");
        sb.Append("<g class=\"f2\" transform=\"translate(").Append(N(start.Width + Gap)).Append(")\">");
        Frame(sb, end);
        sb.Append("</g></svg>");
        return sb.ToString();
    }

    /// <summary>The two frames on top of each other, for a page stylesheet to show in turn (<c>.f1</c>, <c>.f2</c>).</summary>
    public static string Overlaid(Drawing start, Drawing end, string label, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var sb = new StringBuilder(3500);
        Open(sb, Math.Max(start.Width, end.Width), Math.Max(start.Height, end.Height), label, cssClass);
        sb.Append("<g class=\"f1\">");
        Frame(sb, start);
        sb.Append("</g><g class=\"f2\">");
        Frame(sb, end);
        sb.Append("</g></svg>");
        return sb.ToString();
    }

    /// <summary>An SVG written by this class as a file of its own (with its namespace).</summary>
    public static string Standalone(string svg) =>
        svg.StartsWith("<svg ", StringComparison.Ordinal) ? "<svg xmlns=\"http://www.w3.org/2000/svg\" " + svg[5..] : svg;

    /// <summary>One frame as an SVG.</summary>
    public static string Single(Drawing drawing, string label)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var sb = new StringBuilder(2000);
        Open(sb, drawing.Width, drawing.Height, label, null);
        Frame(sb, drawing);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Open(StringBuilder sb, double width, double height, string label, string? cssClass)
    {
        // No xmlns: inline in HTML it is implied (a standalone file adds it, see Standalone).
        sb.Append("<svg viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height)).Append('"');
        if (cssClass is not null)
            sb.Append(" class=\"").Append(WebUtility.HtmlEncode(cssClass)).Append('"');
        sb.Append(" role=\"img\" aria-label=\"").Append(WebUtility.HtmlEncode(label))
            .Append("\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">");
    }

    /// <summary>Each group as a &lt;g&gt; whose stroke colour its shapes inherit (the halo first, in white), so
    /// a shape only carries its geometry and width: an exercise's two frames stay under 4 KB.</summary>
    private static void Frame(StringBuilder sb, Drawing drawing)
    {
        foreach (var group in drawing.Groups)
        {
            if (group.Halo)
                Group(sb, group.Marks, Drawing.HaloWidth, Palette.Background, _ => Palette.Background);
            var common = group.Marks.GroupBy(m => m.Ink).OrderByDescending(g => g.Count()).First().Key;
            Group(sb, group.Marks, 0, Palette.Hex(common), m => Palette.Hex(m.Ink));
        }
    }

    private static void Group(StringBuilder sb, IReadOnlyList<Mark> marks, double grow, string color, Func<Mark, string> colorOf)
    {
        sb.Append("<g stroke=\"").Append(color).Append("\">");
        foreach (var mark in marks)
            Write(sb, mark, grow, colorOf(mark), color);
        sb.Append("</g>");
    }

    private static void Write(StringBuilder sb, Mark mark, double grow, string color, string inherited)
    {
        var own = color == inherited ? "" : $" stroke=\"{color}\"";
        switch (mark)
        {
            case StrokeMark s:
                sb.Append("<path d=\"");
                PathData(sb, s.Points, close: false);
                sb.Append('"').Append(own).Append(" stroke-width=\"").Append(N(s.Width + 2 * grow)).Append("\"/>");
                break;
            case FillMark f:
                sb.Append("<path d=\"");
                PathData(sb, f.Points, close: true);
                sb.Append("\" fill=\"").Append(color).Append('"').Append(own);
                if (f.Rounding + 2 * grow > 0)
                    sb.Append(" stroke-width=\"").Append(N(f.Rounding + 2 * grow)).Append('"');
                sb.Append("/>");
                break;
            case CircleMark c:
                // A dot: a zero-length line with round caps as wide as the circle (shorter than a <circle>).
                sb.Append("<path d=\"M").Append(N(c.Center.X)).Append(' ').Append(N(c.Center.Y)).Append("h0\"").Append(own)
                    .Append(" stroke-width=\"").Append(N(2 * (c.Radius + grow))).Append("\"/>");
                break;
        }
    }

    /// <summary>The first point absolute, the rest relative to the one before (shorter numbers), on whole units.</summary>
    private static void PathData(StringBuilder sb, IReadOnlyList<Point2> points, bool close)
    {
        long px = 0, py = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var x = R(points[i].X);
            var y = R(points[i].Y);
            if (i == 0)
                sb.Append('M').Append(x.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(y.ToString(CultureInfo.InvariantCulture));
            else
                Delta(sb.Append(i == 1 ? "l" : ""), x - px, y - py);
            (px, py) = (x, y);
        }

        if (close)
            sb.Append('Z');
    }

    /// <summary>"dx dy", with the space dropped before a minus sign.</summary>
    private static void Delta(StringBuilder sb, long dx, long dy)
    {
        if (sb[^1] is >= '0' and <= '9' && dx >= 0)
            sb.Append(' ');
        sb.Append(dx.ToString(CultureInfo.InvariantCulture));
        if (dy >= 0)
            sb.Append(' ');
        sb.Append(dy.ToString(CultureInfo.InvariantCulture));
    }

    private static long R(double value) => (long)Math.Round(value * Scale);

    private static string N(double value) => R(value).ToString(CultureInfo.InvariantCulture);
}
