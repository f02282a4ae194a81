namespace PhysioPortal.Core.Handouts.Composition;

public enum VerticalAlign
{
    Top,
    Middle,
    Bottom,
}

/// <summary>One cell: any block, aligned in the cell.</summary>
public sealed class TableCell(Block content)
{
    public Block Content { get; } = content;

    public RgbColor? Background { get; set; }

    public VerticalAlign VerticalAlign { get; set; } = VerticalAlign.Middle;
}

public sealed class TableRow
{
    public TableRow(params TableCell[] cells) => Cells.AddRange(cells);

    public List<TableCell> Cells { get; } = [];
}

/// <summary>
/// A grid with relative or fixed column widths. Each row is unbreakable; the header rows stay with the first
/// row and are repeated (as decoration) at the top of every page the table continues on.
/// </summary>
public sealed class Table : Block
{
    public List<ColumnWidth> Columns { get; } = [];

    public List<TableRow> HeaderRows { get; } = [];

    public List<TableRow> Rows { get; } = [];

    public RgbColor BorderColor { get; set; } = new(156, 163, 175);

    public double BorderWidth { get; set; } = 0.6;

    public RgbColor? HeaderBackground { get; set; }

    public double CellPaddingX { get; set; } = 5;

    public double CellPaddingY { get; set; } = 3;

    public bool RepeatHeader { get; set; } = true;

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        if (Columns.Count == 0 || HeaderRows.Count + Rows.Count == 0)
            return;
        var widths = ColumnWidth.Resolve(Columns, width, 0);
        var table = new StructureNode(StructureRole.Table, parent);

        var header = HeaderRows.Select(r => RowStrip(context, r, widths, table, isHeader: true)).ToList();
        foreach (var h in header)
            h.GlueToNext = h.GlueToNext.WithWeak();
        output.AddRange(header);

        var repeat = RepeatHeader && header.Count > 0
            ? header.Select(h => new Strip(h.Height, h.Commands.Select(c => c.Retag(null)).ToList()) { GlueToNext = h.GlueToNext })
                .ToList()
            : null;
        foreach (var row in Rows)
        {
            var strip = RowStrip(context, row, widths, table, isHeader: false);
            strip.RepeatAtPageTop = repeat;
            output.Add(strip);
        }
    }

    private Strip RowStrip(LayoutContext context, TableRow row, double[] widths, StructureNode table, bool isHeader)
    {
        var rowNode = new StructureNode(StructureRole.TableRow, table);
        var cells = new List<(Strip Strip, TableCell Cell)>();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < row.Cells.Count ? row.Cells[i] : new TableCell(new Spacer(0));
            var node = new StructureNode(isHeader ? StructureRole.TableHeaderCell : StructureRole.TableCell, rowNode);
            cells.Add((cell.Content.LayoutAsOne(context, Math.Max(1, widths[i] - 2 * CellPaddingX), node), cell));
        }

        var height = cells.Max(c => c.Strip.Height) + 2 * CellPaddingY;
        var commands = new List<DrawCommand>();
        double x = 0;
        for (var i = 0; i < widths.Length; i++)
        {
            var (strip, cell) = cells[i];
            var fill = cell.Background ?? (isHeader ? HeaderBackground : null);
            commands.Add(new RectCommand(x, 0, widths[i], height, fill, BorderColor, BorderWidth, 0, null));
            var y = cell.VerticalAlign switch
            {
                VerticalAlign.Middle => (height - strip.Height) / 2,
                VerticalAlign.Bottom => height - CellPaddingY - strip.Height,
                _ => CellPaddingY,
            };
            commands.AddRange(Strip.OffsetAll(strip.Commands, x + CellPaddingX, y));
            x += widths[i];
        }

        return new Strip(height, commands);
    }
}

/// <summary>An item of a <see cref="Row"/>.</summary>
public sealed record RowItem(Block Content, ColumnWidth Width);

/// <summary>Blocks side by side (e.g. clinic details on the left, a QR code on the right). Unbreakable.</summary>
public sealed class Row : Block
{
    public List<RowItem> Items { get; } = [];

    public double Spacing { get; set; } = 8;

    public VerticalAlign VerticalAlign { get; set; } = VerticalAlign.Top;

    public Row Relative(Block content, double share = 1)
    {
        Items.Add(new RowItem(content, ColumnWidth.Relative(share)));
        return this;
    }

    public Row Fixed(Block content, double width)
    {
        Items.Add(new RowItem(content, ColumnWidth.Fixed(width)));
        return this;
    }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        if (Items.Count == 0)
            return;
        var widths = ColumnWidth.Resolve(Items.Select(i => i.Width).ToList(), width, Spacing);
        var strips = Items.Select((item, i) => item.Content.LayoutAsOne(context, Math.Max(1, widths[i]), parent)).ToList();
        var height = strips.Max(s => s.Height);
        var commands = new List<DrawCommand>();
        double x = 0;
        for (var i = 0; i < strips.Count; i++)
        {
            var y = VerticalAlign switch
            {
                VerticalAlign.Middle => (height - strips[i].Height) / 2,
                VerticalAlign.Bottom => height - strips[i].Height,
                _ => 0,
            };
            commands.AddRange(Strip.OffsetAll(strips[i].Commands, x, y));
            x += widths[i] + Spacing;
        }

        output.Add(new Strip(height, commands));
    }
}
