namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// One thing to draw, in points with the origin at the top left. <see cref="Tag"/> is the innermost structure
/// element it belongs to; null means decoration (an artifact for screen readers).
/// </summary>
public abstract record DrawCommand(StructureNode? Tag)
{
    /// <summary>The same command moved by (dx, dy).</summary>
    public abstract DrawCommand Offset(double dx, double dy);

    /// <summary>The same command with another tag (null: decoration).</summary>
    public DrawCommand Retag(StructureNode? tag) => this with { Tag = tag };
}

/// <summary>Text drawn on one line; <see cref="Baseline"/> is the y of the baseline.</summary>
public sealed record TextCommand(double X, double Baseline, string Text, TextStyle Style, double Width, StructureNode? Tag)
    : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Baseline = Baseline + dy };
}

/// <summary>A rectangle, filled and/or stroked, optionally with rounded corners.</summary>
public sealed record RectCommand(
    double X,
    double Y,
    double Width,
    double Height,
    RgbColor? Fill,
    RgbColor? Stroke,
    double StrokeWidth,
    double CornerRadius,
    StructureNode? Tag) : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

/// <summary>Many filled rectangles in one colour, drawn as one shape (no seams between neighbours).</summary>
public sealed record FilledRectsCommand(
    double X,
    double Y,
    IReadOnlyList<(double X, double Y, double Width, double Height)> Rects,
    RgbColor Fill,
    StructureNode? Tag) : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

public sealed record LineCommand(double X1, double Y1, double X2, double Y2, RgbColor Color, double Width, StructureNode? Tag)
    : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) =>
        this with { X1 = X1 + dx, Y1 = Y1 + dy, X2 = X2 + dx, Y2 = Y2 + dy };
}

/// <summary>A raster image (PNG or JPEG bytes) scaled into the rectangle.</summary>
public sealed record ImageCommand(double X, double Y, double Width, double Height, byte[] Data, StructureNode? Tag)
    : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

/// <summary>A clickable area linking to a web address; the tag is the link's structure element.</summary>
public sealed record LinkCommand(double X, double Y, double Width, double Height, string Url, StructureNode? Tag)
    : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}
