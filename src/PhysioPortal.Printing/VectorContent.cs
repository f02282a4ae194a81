using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// A <see cref="VectorCommand"/>'s shapes as PDF content-stream operators, written once per list of shapes (the
/// handout's figures are the same lists render after render) and then copied into each page that shows them.
/// Drawing them shape by shape through PDFsharp's XGraphics cost about as much as the rest of a picture's page.
/// The operators are in the shapes' own coordinates (y down from the block's top left), placed by one matrix that
/// moves and flips them onto the PDF page (y up), inside a saved graphics state (q … Q), so the colours and widths
/// they set end with them. The first shape is left to XGraphics (<see cref="PdfSharpRenderer"/>): drawing it opens
/// the figure's marked content for the structure tree, which PDFsharp writes only when something is drawn.
/// </summary>
internal static class VectorContent
{
    /// <summary>Control-point distance of a quarter circle drawn as a cubic Bézier curve, as a fraction of the radius.</summary>
    private const double Kappa = 0.5522847498;

    private static readonly ConditionalWeakTable<IReadOnlyList<VectorShape>, string> Cache = new();

    /// <summary>The operators that draw <paramref name="v"/>'s shapes after the first at its place on a page
    /// <paramref name="pageHeight"/> points high.</summary>
    public static void Append(StringBuilder content, VectorCommand v, double pageHeight)
    {
        content.Append("q\n1 0 0 -1 ");
        Number(content, v.X).Append(' ');
        Number(content, pageHeight - v.Y).Append(" cm\n");
        content.Append(Cache.GetValue(v.Shapes, Operators));
        content.Append("Q\n");
    }

    private static string Operators(IReadOnlyList<VectorShape> shapes)
    {
        var sb = new StringBuilder(shapes.Count * 48);
        sb.Append("1 J\n1 j\n"); // round caps and joins: limbs, arrows and the rounded corners of filled shapes
        RgbColor? stroke = null;
        RgbColor? fill = null;
        double? width = null;

        void Stroke(RgbColor color, double w)
        {
            if (stroke != color)
                Color(sb, color).Append(" RG\n");
            if (width != w)
                Number(sb, w).Append(" w\n");
            (stroke, width) = (color, w);
        }

        void Fill(RgbColor color)
        {
            if (fill != color)
                Color(sb, color).Append(" rg\n");
            fill = color;
        }

        foreach (var shape in shapes.Skip(1))
        {
            switch (shape)
            {
                case VectorLine line when line.Points.Count > 0:
                    Stroke(line.Color, line.Width);
                    Path(sb, line.Points, close: false);
                    if (line.Points.Count == 1)
                        Point(sb, line.Points[0].X, line.Points[0].Y).Append(" l\n");
                    sb.Append("S\n");
                    break;
                case VectorPolygon polygon when polygon.Points.Count > 2:
                    Fill(polygon.Color);
                    if (polygon.Rounding > 0)
                        Stroke(polygon.Color, polygon.Rounding);
                    Path(sb, polygon.Points, close: true);
                    sb.Append(polygon.Rounding > 0 ? "B\n" : "f\n");
                    break;
                case VectorCircle c:
                    Fill(c.Color);
                    Circle(sb, c.X, c.Y, c.Radius);
                    sb.Append("f\n");
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Path(StringBuilder sb, IReadOnlyList<(double X, double Y)> points, bool close)
    {
        Point(sb, points[0].X, points[0].Y).Append(" m\n");
        for (var i = 1; i < points.Count; i++)
            Point(sb, points[i].X, points[i].Y).Append(" l\n");
        if (close)
            sb.Append("h\n");
    }

    private static void Circle(StringBuilder sb, double x, double y, double r)
    {
        var k = r * Kappa;
        Point(sb, x + r, y).Append(" m\n");
        Curve(sb, x + r, y + k, x + k, y + r, x, y + r);
        Curve(sb, x - k, y + r, x - r, y + k, x - r, y);
        Curve(sb, x - r, y - k, x - k, y - r, x, y - r);
        Curve(sb, x + k, y - r, x + r, y - k, x + r, y);
    }

    private static void Curve(StringBuilder sb, double x1, double y1, double x2, double y2, double x3, double y3)
    {
        Point(sb, x1, y1).Append(' ');
        Point(sb, x2, y2).Append(' ');
        Point(sb, x3, y3).Append(" c\n");
    }

    private static StringBuilder Point(StringBuilder sb, double x, double y)
    {
        Number(sb, x).Append(' ');
        return Number(sb, y);
    }

    private static StringBuilder Color(StringBuilder sb, RgbColor c)
    {
        Number(sb, c.R / 255.0, "0.###").Append(' ');
        Number(sb, c.G / 255.0, "0.###").Append(' ');
        return Number(sb, c.B / 255.0, "0.###");
    }

    /// <summary>A number as PDF writes it: invariant, no exponent, to 1/100 pt (far finer than print resolves).</summary>
    private static StringBuilder Number(StringBuilder sb, double value, string format = "0.##") =>
        sb.Append(Math.Abs(value) < 0.005 ? "0" : value.ToString(format, CultureInfo.InvariantCulture));
}
