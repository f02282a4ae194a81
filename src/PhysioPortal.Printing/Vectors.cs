namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>One vector shape of a <see cref="VectorBlock"/>, in points from the block's top left.</summary>
public abstract record VectorShape(RgbColor Color);

/// <summary>A thick line through points with round ends and joins.</summary>
public sealed record VectorLine(IReadOnlyList<(double X, double Y)> Points, double Width, RgbColor Color) : VectorShape(Color);

/// <summary>A filled polygon; <paramref name="Rounding"/> is the width of a round-joined outline in its colour.</summary>
public sealed record VectorPolygon(IReadOnlyList<(double X, double Y)> Points, double Rounding, RgbColor Color) : VectorShape(Color);

public sealed record VectorCircle(double X, double Y, double Radius, RgbColor Color) : VectorShape(Color);

/// <summary>A vector drawing: shapes painted in order inside a box at (X, Y).</summary>
public sealed record VectorCommand(double X, double Y, double Width, double Height, IReadOnlyList<VectorShape> Shapes, StructureNode? Tag)
    : DrawCommand(Tag)
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

/// <summary>A picture drawn as vectors (sharp in print, small in the file), with alternative text.</summary>
public sealed class VectorBlock(double width, double height, IReadOnlyList<VectorShape> shapes, string altText) : Block
{
    public double Width { get; } = width;

    public double Height { get; } = height;

    public IReadOnlyList<VectorShape> Shapes { get; } = shapes;

    public string AltText { get; } = altText;

    public TextAlign Align { get; set; }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var node = new StructureNode(StructureRole.Figure, parent, AltText);
        output.Add(new Strip(Height, [new VectorCommand(ImageBlock.AlignX(Align, width, Width), 0, Width, Height, Shapes, node)]));
    }
}
