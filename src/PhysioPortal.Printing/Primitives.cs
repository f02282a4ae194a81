using System.Globalization;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>An opaque sRGB colour. The default value is black.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static readonly RgbColor Black = new(0, 0, 0);
    public static readonly RgbColor White = new(255, 255, 255);

    /// <summary>Parses "#RRGGBB" or "RRGGBB".</summary>
    public static RgbColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith('#') ? hex[1..] : hex;
        if (s.Length != 6 || !int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB.");
        return new RgbColor((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}

/// <summary>How a piece of text looks. One font family per document (chosen by the renderer); regular or bold.</summary>
public sealed record TextStyle
{
    /// <summary>Font size in points.</summary>
    public double Size { get; init; } = 10;

    public bool Bold { get; init; }

    public RgbColor Color { get; init; } = RgbColor.Black;

    /// <summary>Line height as a multiple of <see cref="Size"/>.</summary>
    public double LineHeight { get; init; } = 1.3;

    public TextStyle AsBold() => this with { Bold = true };

    public TextStyle AsRegular() => this with { Bold = false };

    public TextStyle WithColor(RgbColor color) => this with { Color = color };

    public TextStyle WithSize(double size) => this with { Size = size };
}

/// <summary>A run of text in one style; optionally a web link.</summary>
public sealed record TextRun(string Text, TextStyle Style, string? Url = null);

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>Page size in points (1/72 inch).</summary>
public readonly record struct PageSize(double Width, double Height)
{
    /// <summary>210 × 297 mm.</summary>
    public static readonly PageSize A4 = new(595.2756, 841.8898);

    /// <summary>8.5 × 11 in.</summary>
    public static readonly PageSize Letter = new(612, 792);
}

/// <summary>Page margins in points.</summary>
public readonly record struct Margins(double Left, double Top, double Right, double Bottom)
{
    public static Margins All(double value) => new(value, value, value, value);
}

/// <summary>A width of a table column or a row item: a fixed number of points, or a share of what is left.</summary>
public readonly record struct ColumnWidth(double Value, bool IsFixed)
{
    public static ColumnWidth Fixed(double points) => new(points, true);

    public static ColumnWidth Relative(double share = 1) => new(share, false);

    /// <summary>Splits <paramref name="total"/> among the columns: fixed ones first, the rest by share.</summary>
    internal static double[] Resolve(IReadOnlyList<ColumnWidth> widths, double total, double gap)
    {
        var result = new double[widths.Count];
        var available = total - gap * Math.Max(0, widths.Count - 1);
        var fixedSum = widths.Where(w => w.IsFixed).Sum(w => w.Value);
        var shares = widths.Where(w => !w.IsFixed).Sum(w => Math.Max(0, w.Value));
        var rest = Math.Max(0, available - fixedSum);
        for (var i = 0; i < widths.Count; i++)
        {
            result[i] = widths[i].IsFixed
                ? widths[i].Value
                : shares <= 0 ? 0 : rest * Math.Max(0, widths[i].Value) / shares;
        }

        return result;
    }
}

/// <summary>The page being drawn and how many there are; given to running headers and footers.</summary>
public readonly record struct PageContext(int PageNumber, int PageCount);

/// <summary>
/// What a drawn item is, for screen readers (tagged PDF). Items with no role are decoration (an artifact):
/// backgrounds, borders, rules, running headers and footers.
/// </summary>
public enum StructureRole
{
    Section,
    Heading1,
    Heading2,
    Heading3,
    Paragraph,
    List,
    ListItem,
    ListLabel,
    ListBody,
    Table,
    TableRow,
    TableHeaderCell,
    TableCell,
    Figure,
    Link,
}

/// <summary>One element of the document's logical structure. Drawn items point at their innermost element.</summary>
public sealed class StructureNode
{
    internal StructureNode(StructureRole role, StructureNode? parent, string? altText = null, string? url = null)
    {
        Role = role;
        Parent = parent;
        AltText = altText;
        Url = url;
        Depth = parent is null ? 1 : parent.Depth + 1;
    }

    public StructureRole Role { get; }

    public StructureNode? Parent { get; }

    /// <summary>Alternative text (figures) or the link's description.</summary>
    public string? AltText { get; }

    /// <summary>The target of a <see cref="StructureRole.Link"/>.</summary>
    public string? Url { get; }

    public int Depth { get; }

    /// <summary>The path from the outermost element down to this one.</summary>
    public IReadOnlyList<StructureNode> Path()
    {
        var path = new StructureNode[Depth];
        var node = this;
        for (var i = Depth - 1; i >= 0; i--)
        {
            path[i] = node!;
            node = node!.Parent;
        }

        return path;
    }

    public override string ToString() => Role.ToString();
}
