using System.Globalization;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// A numbered or bulleted list with a hanging indent: the label sits in its own column, wrapped lines of an item
/// line up with its first line. Each line is its own strip; widows and orphans are avoided within an item.
/// </summary>
public sealed class ListBlock : Block
{
    public List<IReadOnlyList<TextRun>> Items { get; } = [];

    public bool Numbered { get; set; } = true;

    public int StartAt { get; set; } = 1;

    /// <summary>The bullet for an unnumbered list.</summary>
    public string Bullet { get; set; } = "•";

    public TextStyle BodyStyle { get; set; } = new();

    /// <summary>The style of the numbers or bullets; the body style when null.</summary>
    public TextStyle? LabelStyle { get; set; }

    /// <summary>Space between items, in points.</summary>
    public double ItemSpacing { get; set; } = 2;

    /// <summary>Space between the label and the text.</summary>
    public double LabelGap { get; set; } = 5;

    /// <summary>Width of the label column including the gap; measured from the widest label when null.</summary>
    public double? Indent { get; set; }

    public int MinLinesAtPageEdge { get; set; } = 2;

    public ListBlock Item(string text) => Item(new TextRun(text, BodyStyle));

    public ListBlock Item(params TextRun[] runs)
    {
        Items.Add(runs);
        return this;
    }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        if (Items.Count == 0)
            return;
        var measurer = context.Measurer;
        var labelStyle = LabelStyle ?? BodyStyle;
        var labels = Items.Select((_, i) => Numbered ? (StartAt + i).ToString(CultureInfo.InvariantCulture) + "." : Bullet).ToList();
        var labelWidths = labels.Select(l => measurer.MeasureWidth(l, labelStyle)).ToList();
        var indent = Indent ?? labelWidths.Max() + LabelGap;
        var bodyWidth = Math.Max(1, width - indent);
        var labelMetrics = measurer.GetMetrics(labelStyle);
        var labelLineHeight = labelStyle.Size * labelStyle.LineHeight;
        var labelBaseline = (labelLineHeight - (labelMetrics.Ascent + labelMetrics.Descent)) / 2 + labelMetrics.Ascent;

        var list = new StructureNode(StructureRole.List, parent);
        for (var i = 0; i < Items.Count; i++)
        {
            var item = new StructureNode(StructureRole.ListItem, list);
            var label = new StructureNode(StructureRole.ListLabel, item);
            var body = new StructureNode(StructureRole.ListBody, item);
            var lines = TextLayout.Wrap(Items[i], bodyWidth, BodyStyle, TextAlign.Left, measurer);
            var start = output.Count;
            for (var l = 0; l < Math.Max(1, lines.Count); l++)
            {
                var strip = l < lines.Count
                    ? Paragraph.LineStrip(lines[l], body, indent)
                    : new Strip(labelLineHeight, []);
                if (l == 0)
                {
                    var baseline = l < lines.Count ? Math.Max(lines[0].Baseline, labelBaseline) : labelBaseline;
                    var shift = l < lines.Count ? baseline - lines[0].Baseline : 0;
                    var labelX = Math.Max(0, indent - LabelGap - labelWidths[i]);
                    var commands = new List<DrawCommand>
                    {
                        new TextCommand(labelX, baseline, labels[i], labelStyle, labelWidths[i], label),
                    };
                    commands.AddRange(Strip.OffsetAll(strip.Commands, 0, shift));
                    strip = new Strip(Math.Max(strip.Height + shift, labelLineHeight), commands);
                }

                output.Add(strip);
            }

            if (i > 0)
                output[start].SpaceBefore += ItemSpacing;
            TextLayout.GlueLines(output, start, output.Count - start, MinLinesAtPageEdge, keepAll: false);
        }
    }
}
