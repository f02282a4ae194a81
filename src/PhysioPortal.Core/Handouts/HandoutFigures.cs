using System.Collections.Concurrent;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Core.Illustrations;

namespace PhysioPortal.Core.Handouts;

/// <summary>
/// The adapter from an exercise's illustration (the neutral drawing of its two frames) to the handout's composition
/// layer: vector shapes, drawn by PDFsharp as paths (sharp in print, a few KB in the file, no bitmap).
/// </summary>
public static class HandoutFigures
{
    /// <summary>Space between the two frames, as a fraction of H.</summary>
    private const double Gap = 0.12;

    private static readonly ConcurrentDictionary<(string Slug, double Width), (double Height, IReadOnlyList<VectorShape> Shapes)> Cache = new();

    /// <summary>The two frames side by side, <paramref name="width"/> points wide, or null when the exercise has no
    /// pose (a clinic's own exercise).</summary>
    public static VectorBlock? For(string? slug, string name, double width)
    {
        var ill = ExerciseIllustrations.ForExercise(slug, name);
        if (ill is null)
            return null;
        var (height, shapes) = Cache.GetOrAdd((slug!, width), key => Shapes(ill, key.Width));
        return new VectorBlock(width, height, shapes, ill.AltText(name));
    }

    private static (double, IReadOnlyList<VectorShape>) Shapes(Illustration ill, double width)
    {
        var (start, end) = FigureRenderer.Render(ill);
        var k = width / (start.Width + Gap + end.Width);
        var shapes = new List<VectorShape>();
        Add(shapes, start, 0, k);
        Add(shapes, end, (start.Width + Gap) * k, k);
        return (Math.Max(start.Height, end.Height) * k, shapes);
    }

    private static void Add(List<VectorShape> shapes, Drawing drawing, double dx, double k)
    {
        // Points rounded to 1/100 pt (far below what print resolves): short numbers in the PDF's content stream.
        static double R(double v) => Math.Round(v, 2);
        List<(double, double)> Points(IReadOnlyList<Point2> points) => [.. points.Select(p => (R(dx + p.X * k), R(p.Y * k)))];
        foreach (var (mark, hex) in drawing.Painted())
        {
            var color = Color(hex);
            shapes.Add(mark switch
            {
                StrokeMark s => new VectorLine(Points(s.Points), R(s.Width * k), color),
                FillMark f => new VectorPolygon(Points(f.Points), R(f.Rounding * k), color),
                CircleMark c => new VectorCircle(R(dx + c.Center.X * k), R(c.Center.Y * k), R(c.Radius * k), color),
                _ => throw new InvalidOperationException($"Unknown mark {mark.GetType().Name}"),
            });
        }
    }

    private static RgbColor Color(string hex) =>
        hex.Length == 4 ? RgbColor.FromHex(string.Concat(hex[1..].Select(c => $"{c}{c}"))) : RgbColor.FromHex(hex);

}
