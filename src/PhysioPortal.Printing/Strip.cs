namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// How strongly the boundary after a strip resists a page break. <see cref="Together"/> counts the keep-together
/// groups the boundary lies inside; <see cref="Weak"/> is set by keep-with-next, widow and orphan control.
/// A page break goes where the cost is lowest (preferring the latest such place).
/// </summary>
internal readonly record struct Glue(int Together, bool Weak)
{
    public int Cost => Together * 100 + (Weak ? 10 : 0);

    public Glue WithWeak() => this with { Weak = true };

    public Glue Deeper() => this with { Together = Together + 1 };
}

/// <summary>
/// An unbreakable horizontal slice of content (a text line, a table row, a picture) with its drawing commands
/// relative to its own top left corner.
/// </summary>
internal sealed class Strip
{
    public Strip(double height, List<DrawCommand> commands)
    {
        Height = height;
        Commands = commands;
    }

    public double Height { get; set; }

    /// <summary>Space above the strip; dropped when the strip starts a page.</summary>
    public double SpaceBefore { get; set; }

    /// <summary>How strongly this strip sticks to the next one.</summary>
    public Glue GlueToNext { get; set; }

    public List<DrawCommand> Commands { get; }

    /// <summary>Strips drawn above this one when it starts a page (a table's header row).</summary>
    public IReadOnlyList<Strip>? RepeatAtPageTop { get; set; }

    /// <summary>Moves every command, returning a new list.</summary>
    public static List<DrawCommand> OffsetAll(IEnumerable<DrawCommand> commands, double dx, double dy)
    {
        var result = new List<DrawCommand>();
        foreach (var c in commands)
            result.Add(dx == 0 && dy == 0 ? c : c.Offset(dx, dy));
        return result;
    }

    /// <summary>Stacks strips into one unbreakable strip (inner space kept, the first strip's space dropped).</summary>
    public static Strip Stack(IReadOnlyList<Strip> strips)
    {
        var commands = new List<DrawCommand>();
        double y = 0;
        for (var i = 0; i < strips.Count; i++)
        {
            if (i > 0)
                y += strips[i].SpaceBefore;
            foreach (var c in strips[i].Commands)
                commands.Add(c.Offset(0, y));
            y += strips[i].Height;
        }

        return new Strip(y, commands);
    }
}

/// <summary>What layout needs while it runs.</summary>
internal sealed class LayoutContext(ITextMeasurer measurer)
{
    public ITextMeasurer Measurer { get; } = measurer;
}
