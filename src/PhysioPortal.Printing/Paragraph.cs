namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>Wrapped text made of runs (regular and bold, colours, links). Cut into one strip per line.</summary>
public class Paragraph : Block
{
    public Paragraph()
    {
    }

    public Paragraph(string text, TextStyle style)
    {
        Style = style;
        Runs.Add(new TextRun(text, style));
    }

    public List<TextRun> Runs { get; } = [];

    /// <summary>The style of empty lines; runs carry their own styles.</summary>
    public TextStyle Style { get; set; } = new();

    public TextAlign Align { get; set; }

    public StructureRole Role { get; set; } = StructureRole.Paragraph;

    /// <summary>Lines kept together at the bottom and at the top of a page (no orphans, no widows).</summary>
    public int MinLinesAtPageEdge { get; set; } = 2;

    /// <summary>Never break this paragraph across pages.</summary>
    public bool KeepLinesTogether { get; set; }

    /// <summary>Adds a run; returns this paragraph, for chaining.</summary>
    public Paragraph Span(string text, TextStyle style, string? url = null)
    {
        Runs.Add(new TextRun(text, style, url));
        return this;
    }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var lines = TextLayout.Wrap(Runs, width, Style, Align, context.Measurer);
        if (lines.Count == 0)
            return;
        var node = new StructureNode(Role, parent);
        var start = output.Count;
        foreach (var line in lines)
            output.Add(LineStrip(line, node));
        TextLayout.GlueLines(output, start, lines.Count, MinLinesAtPageEdge, KeepLinesTogether);
    }

    /// <summary>A strip for one line, with a link element per linked fragment.</summary>
    internal static Strip LineStrip(TextLine line, StructureNode node, double dx = 0)
    {
        var commands = new List<DrawCommand>(line.Fragments.Count);
        foreach (var f in line.Fragments)
        {
            var tag = node;
            if (f.Url is not null)
            {
                tag = new StructureNode(StructureRole.Link, node, altText: f.Text.Trim(), url: f.Url);
                commands.Add(new LinkCommand(dx + f.X, 0, f.Width, line.Height, f.Url, tag));
            }

            commands.Add(new TextCommand(dx + f.X, line.Baseline, f.Text, f.Style, f.Width, tag));
        }

        return new Strip(line.Height, commands);
    }
}

/// <summary>A heading: a paragraph whose lines stay together and stay with the block after it.</summary>
public sealed class Heading : Paragraph
{
    public Heading(string text, TextStyle style, int level = 2)
        : base(text, style)
    {
        Role = level switch
        {
            1 => StructureRole.Heading1,
            2 => StructureRole.Heading2,
            _ => StructureRole.Heading3,
        };
        KeepWithNext = true;
        KeepLinesTogether = true;
    }
}
