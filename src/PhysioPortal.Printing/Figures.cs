using System.Collections.Concurrent;
using QRCoder;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>A raster picture (PNG or JPEG bytes) at a given size, with alternative text for screen readers.</summary>
public sealed class ImageBlock(byte[] data, double width, double height, string altText) : Block
{
    public byte[] Data { get; } = data;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public string AltText { get; } = altText;

    public TextAlign Align { get; set; }

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var node = new StructureNode(StructureRole.Figure, parent, AltText);
        var w = Math.Min(Width, width);
        var h = Width <= 0 ? Height : Height * w / Width;
        output.Add(new Strip(h, [new ImageCommand(AlignX(Align, width, w), 0, w, h, Data, node)]));
    }

    internal static double AlignX(TextAlign align, double available, double width) => align switch
    {
        TextAlign.Center => Math.Max(0, (available - width) / 2),
        TextAlign.Right => Math.Max(0, available - width),
        _ => 0,
    };
}

/// <summary>
/// A QR code drawn as vector squares (crisp at any zoom, tiny in the file). <see cref="Size"/> is the width of
/// the symbol itself; <see cref="QuietZoneModules"/> of white space is kept around it inside the block.
/// </summary>
public sealed class QrCodeBlock(string content, double size, string altText) : Block
{
    private const int ModuleCacheLimit = 64;
    private static readonly ConcurrentDictionary<(string Content, QRCodeGenerator.ECCLevel Level), bool[][]> ModuleCache = new();

    public string Content { get; } = content;

    public double Size { get; } = size;

    public string AltText { get; } = altText;

    public TextAlign Align { get; set; }

    public RgbColor Color { get; set; } = RgbColor.Black;

    public int QuietZoneModules { get; set; } = 2;

    public QRCodeGenerator.ECCLevel ErrorCorrection { get; set; } = QRCodeGenerator.ECCLevel.M;

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var matrix = Modules(Content, ErrorCorrection);
        var count = matrix.Length;
        var module = Size / count;
        var quiet = QuietZoneModules * module;
        var rects = new List<(double, double, double, double)>();
        for (var row = 0; row < count; row++)
        {
            for (var col = 0; col < count;)
            {
                if (!matrix[row][col])
                {
                    col++;
                    continue;
                }

                var end = col;
                while (end < count && matrix[row][end])
                    end++;
                rects.Add((col * module, row * module, (end - col) * module, module));
                col = end;
            }
        }

        var node = new StructureNode(StructureRole.Figure, parent, AltText);
        var x = ImageBlock.AlignX(Align, width, Size + 2 * quiet) + quiet;
        output.Add(new Strip(Size + 2 * quiet, [new FilledRectsCommand(x, quiet, rects, Color, node)]));
    }

    /// <summary>
    /// The dark modules of the symbol, without QRCoder's quiet zone. Cached: every handout of a portal carries the
    /// same log URL, and encoding it took a tenth of the layout time. Callers must not change the arrays.
    /// </summary>
    internal static bool[][] Modules(string content, QRCodeGenerator.ECCLevel level)
    {
        if (ModuleCache.TryGetValue((content, level), out var cached))
            return cached;
        var modules = Encode(content, level);
        if (ModuleCache.Count >= ModuleCacheLimit)
            ModuleCache.Clear();
        ModuleCache[(content, level)] = modules;
        return modules;
    }

    private static bool[][] Encode(string content, QRCodeGenerator.ECCLevel level)
    {
        using var data = QRCodeGenerator.GenerateQrCode(content, level);
        var full = data.ModuleMatrix;
        const int Border = 4; // QRCoder's own quiet zone
        var size = full.Count - 2 * Border;
        var result = new bool[size][];
        for (var r = 0; r < size; r++)
        {
            result[r] = new bool[size];
            for (var c = 0; c < size; c++)
                result[r][c] = full[r + Border][c + Border];
        }

        return result;
    }
}

/// <summary>Empty boxes to tick (a tick chart's cell), centred in the available width.</summary>
public sealed class TickBoxes(int count) : Block
{
    public int Count { get; } = count;

    public double BoxSize { get; set; } = 10;

    public double Gap { get; set; } = 4;

    public RgbColor Color { get; set; } = new(107, 114, 128);

    private protected override void Layout(LayoutContext context, double width, StructureNode? parent, List<Strip> output)
    {
        var count = Math.Max(0, Count);
        if (count == 0)
        {
            output.Add(new Strip(BoxSize, []));
            return;
        }

        // As many boxes on a line as fit; more wrap onto further lines.
        var perLine = Math.Clamp((int)((width + Gap) / (BoxSize + Gap)), 1, count);
        var lines = (count + perLine - 1) / perLine;
        var commands = new List<DrawCommand>();
        for (var line = 0; line < lines; line++)
        {
            var inLine = Math.Min(perLine, count - line * perLine);
            var total = inLine * BoxSize + (inLine - 1) * Gap;
            var x = Math.Max(0, (width - total) / 2);
            var y = line * (BoxSize + Gap);
            for (var i = 0; i < inLine; i++)
                commands.Add(new RectCommand(x + i * (BoxSize + Gap), y, BoxSize, BoxSize, RgbColor.White, Color, 0.8, 1.8, parent));
        }

        output.Add(new Strip(lines * BoxSize + (lines - 1) * Gap, commands));
    }
}
