namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// A piece of content that describes what goes on the page, never where: layout measures it and cuts it into
/// unbreakable strips that the page breaker places.
/// </summary>
public abstract class Block
{
    /// <summary>Space above this block, in points; dropped at the top of a page.</summary>
    public double SpaceBefore { get; set; }

    /// <summary>Keep the end of this block on the same page as the start of the next one.</summary>
    public bool KeepWithNext { get; set; }

    /// <summary>Lays this block out into <paramref name="output"/>, applying the block-level settings.</summary>
    internal void LayoutInto(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var start = output.Count;
        Layout(context, width, parent, output);
        if (output.Count == start)
            return;
        output[start].SpaceBefore += SpaceBefore;
        if (KeepWithNext)
            output[^1].GlueToNext = output[^1].GlueToNext.WithWeak();
    }

    /// <summary>Lays this block out into one unbreakable strip (used inside rows and table cells).</summary>
    internal Strip LayoutAsOne(LayoutContext context, double width, StructureNode? parent)
    {
        var strips = new List<Strip>();
        LayoutInto(context, width, parent, strips);
        return Strip.Stack(strips);
    }

    private protected abstract void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output);
}
