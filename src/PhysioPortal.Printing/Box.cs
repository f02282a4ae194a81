namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Content with padding, a tinted background, a border and an accent bar on the left. It may break across pages:
/// each strip draws its own slice of the background, so the slices join seamlessly.
/// </summary>
public sealed class Box : Block
{
    public Box(Block content) => Content = content;

    public Block Content { get; }

    public double PaddingX { get; set; } = 8;

    public double PaddingY { get; set; } = 6;

    public RgbColor? Background { get; set; }

    public RgbColor? BorderColor { get; set; }

    public double BorderWidth { get; set; } = 0.75;

    /// <summary>A coloured bar along the left edge.</summary>
    public RgbColor? AccentColor { get; set; }

    public double AccentWidth { get; set; } = 3.5;

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var accent = AccentColor is null ? 0 : AccentWidth;
        var inner = new List<Strip>();
        Content.LayoutInto(context, Math.Max(1, width - 2 * PaddingX - accent), parent, inner);
        if (inner.Count == 0)
            return;
        for (var i = 0; i < inner.Count; i++)
        {
            var wrapped = Wrap(inner[i], width, accent, first: i == 0, last: i == inner.Count - 1);
            wrapped.GlueToNext = inner[i].GlueToNext;
            if (inner[i].RepeatAtPageTop is { } header)
                wrapped.RepeatAtPageTop = header.Select(h => Wrap(h, width, accent, false, false)).ToList();
            output.Add(wrapped);
        }
    }

    private Strip Wrap(Strip strip, double width, double accent, bool first, bool last)
    {
        var top = first ? PaddingY : strip.SpaceBefore;
        var height = top + strip.Height + (last ? PaddingY : 0);
        var commands = new List<DrawCommand>();
        if (Background is { } bg)
            commands.Add(new RectCommand(0, 0, width, height, bg, null, 0, 0, null));
        if (AccentColor is { } ac)
            commands.Add(new RectCommand(0, 0, accent, height, ac, null, 0, 0, null));
        if (BorderColor is { } bc)
        {
            var h = BorderWidth / 2;
            if (accent == 0)
                commands.Add(new LineCommand(h, 0, h, height, bc, BorderWidth, null));
            commands.Add(new LineCommand(width - h, 0, width - h, height, bc, BorderWidth, null));
            if (first)
                commands.Add(new LineCommand(accent, h, width, h, bc, BorderWidth, null));
            if (last)
                commands.Add(new LineCommand(accent, height - h, width, height - h, bc, BorderWidth, null));
        }

        commands.AddRange(Strip.OffsetAll(strip.Commands, accent + PaddingX, top));
        return new Strip(height, commands);
    }
}

/// <summary>What a callout looks like.</summary>
public sealed record CalloutStyle
{
    public RgbColor Background { get; init; } = new(254, 243, 199);

    public RgbColor? BorderColor { get; init; }

    public RgbColor? AccentColor { get; init; } = new(180, 83, 9);

    public TextStyle TitleStyle { get; init; } = new() { Bold = true };

    public TextStyle BodyStyle { get; init; } = new();

    public double Padding { get; init; } = 8;
}

/// <summary>A tinted box with a title and a bullet list (and optionally a closing sentence).</summary>
public sealed class Callout : Block
{
    public Callout(string title, CalloutStyle style)
    {
        Title = title;
        Style = style;
    }

    public string Title { get; }

    public CalloutStyle Style { get; }

    public List<string> Bullets { get; } = [];

    /// <summary>Text after the bullets.</summary>
    public string? Closing { get; set; }

    /// <summary>The title's role: a paragraph, or a heading so screen readers can jump to it.</summary>
    public StructureRole TitleRole { get; set; } = StructureRole.Paragraph;

    /// <summary>Never split the callout across pages (when it fits on a page).</summary>
    public bool KeepTogether { get; set; } = true;

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var column = new Column { Spacing = 3, KeepTogether = KeepTogether };
        column.Items.Add(new Paragraph(Title, Style.TitleStyle) { Role = TitleRole });
        if (Bullets.Count > 0)
        {
            var list = new ListBlock { Numbered = false, BodyStyle = Style.BodyStyle, ItemSpacing = 1 };
            foreach (var b in Bullets)
                list.Item(b);
            column.Items.Add(list);
        }

        if (!string.IsNullOrWhiteSpace(Closing))
            column.Items.Add(new Paragraph(Closing, Style.BodyStyle) { SpaceBefore = 2 });
        var box = new Box(column)
        {
            Background = Style.Background,
            BorderColor = Style.BorderColor,
            AccentColor = Style.AccentColor,
            PaddingX = Style.Padding,
            PaddingY = Style.Padding * 0.8,
        };
        box.LayoutInto(context, width, parent, output);
    }
}
