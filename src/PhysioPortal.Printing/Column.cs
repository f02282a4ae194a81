namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Blocks one under another. Optionally a keep-together group (never split across pages unless taller than a
/// page) and optionally a section in the document's structure.
/// </summary>
public sealed class Column : Block
{
    public Column()
    {
    }

    public Column(params Block[] items) => Items.AddRange(items);

    public List<Block> Items { get; } = [];

    /// <summary>Space between items, in points.</summary>
    public double Spacing { get; set; }

    /// <summary>Keep all of this column on one page when it fits on a page.</summary>
    public bool KeepTogether { get; set; }

    /// <summary>When set, the items are grouped under one structure element (e.g. a section).</summary>
    public StructureRole? Role { get; set; }

    /// <summary>Adds a block and returns it, for setting it up in place.</summary>
    public T Item<T>(T block)
        where T : Block
    {
        Items.Add(block);
        return block;
    }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var node = Role is { } role ? new StructureNode(role, parent) : parent;
        var start = output.Count;
        foreach (var item in Items)
        {
            var before = output.Count;
            item.LayoutInto(context, width, node, output);
            if (output.Count > before && before > start)
                output[before].SpaceBefore += Spacing;
        }

        if (KeepTogether)
        {
            for (var i = start; i < output.Count - 1; i++)
                output[i].GlueToNext = output[i].GlueToNext.Deeper();
        }
    }
}

/// <summary>Empty vertical space.</summary>
public sealed class Spacer(double height) : Block
{
    public double Height { get; } = height;

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output) =>
        output.Add(new Strip(Height, []));
}

/// <summary>A horizontal line across the available width (decoration).</summary>
public sealed class Rule : Block
{
    public double Thickness { get; set; } = 0.75;

    public RgbColor Color { get; set; } = new(200, 200, 200);

    /// <summary>Space between the line and the content below it, in points.</summary>
    public double SpaceAfter { get; set; }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var y = Thickness / 2;
        output.Add(new Strip(Thickness + SpaceAfter, [new LineCommand(0, y, width, y, Color, Thickness, null)]));
    }
}
