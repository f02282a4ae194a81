namespace PhysioPortal.Core.Illustrations;

/// <summary>The colours of a drawing, by meaning; back ends map them through <see cref="Palette"/>.</summary>
public enum Ink
{
    /// <summary>The body, and limbs on the viewer's side.</summary>
    Body,

    /// <summary>Limbs on the far side, lighter.</summary>
    FarSide,
    Prop,
    PropLight,
    Floor,
    Mat,
    Wall,
    Arrow,
}

/// <summary>The colours, calm and from the handout's palette (teal), as #RRGGBB.</summary>
public static class Palette
{
    public const string Background = "#fff";

    public static string Hex(Ink ink) => ink switch
    {
        Ink.Body => "#0F766E",
        Ink.FarSide => "#8CC7C0",
        Ink.Prop => "#8B95A5",
        Ink.PropLight => "#C9CFD8",
        Ink.Floor => "#D5D9E0",
        Ink.Mat => "#B9DDD8",
        Ink.Wall => "#E5E8EC",
        Ink.Arrow => "#C2410C",
        _ => "#000000",
    };
}

/// <summary>One thing to draw, in units of H, y down.</summary>
public abstract record Mark(Ink Ink);

/// <summary>A thick line through points with round ends and joins (a limb, a chair leg, an arrow's shaft).</summary>
public sealed record StrokeMark(IReadOnlyList<Point2> Points, double Width, Ink Ink) : Mark(Ink);

/// <summary>A closed shape, filled; its corners softened by <paramref name="Rounding"/> (a stroke in its colour).</summary>
public sealed record FillMark(IReadOnlyList<Point2> Points, double Rounding, Ink Ink) : Mark(Ink);

public sealed record CircleMark(Point2 Center, double Radius, Ink Ink) : Mark(Ink);

/// <summary>Marks drawn together. With a halo, a band of background colour is drawn around the group first, so
/// it stands out from what lies behind (a near arm across the chest).</summary>
public sealed record MarkGroup(IReadOnlyList<Mark> Marks, bool Halo, GroupRole Role = GroupRole.Body);

public enum GroupRole
{
    Floor,
    Prop,
    Body,
    Arrow,
}

/// <summary>A neutral drawing of one frame: what the SVG and PDF back ends draw.</summary>
public sealed record Drawing(double Width, double Height, IReadOnlyList<MarkGroup> Groups)
{
    /// <summary>Width of the halo band around a group, in H.</summary>
    public const double HaloWidth = 0.014;

    /// <summary>The y of the floor line (the top of the floor band).</summary>
    public double FloorY { get; init; }

    /// <summary>Every mark in painting order with its colour (#RRGGBB): each group's halo first (the marks grown by
    /// the halo, in the background colour), then the group itself. For back ends that draw shape by shape.</summary>
    public IEnumerable<(Mark Mark, string Color)> Painted()
    {
        foreach (var group in Groups)
        {
            if (group.Halo)
            {
                foreach (var mark in group.Marks)
                    yield return (Grown(mark, HaloWidth), "#FFFFFF");
            }

            foreach (var mark in group.Marks)
                yield return (mark, Palette.Hex(mark.Ink));
        }
    }

    private static Mark Grown(Mark mark, double by) => mark switch
    {
        StrokeMark s => s with { Width = s.Width + 2 * by },
        FillMark f => f with { Rounding = f.Rounding + 2 * by },
        CircleMark c => c with { Radius = c.Radius + by },
        _ => mark,
    };
}
