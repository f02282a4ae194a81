using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.UniversalAccessibility;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// The only class that knows PDFsharp: it measures text (through <see cref="PdfSharpTextMeasurer"/>) and draws
/// laid out pages — text, boxes, lines, pictures and links — tagging each item with its structure role so the PDF
/// is readable by screen readers (decoration is marked as artifacts). Fonts are embedded as subsets.
/// Thread-safe: each call renders its own document.
/// </summary>
public sealed partial class PdfSharpRenderer
{
    /// <summary>Enough for a handout of a few pages, so the buffer is seldom grown while PDFsharp writes.</summary>
    public const int InitialBufferSize = 160 * 1024;

    public PdfSharpRenderer(string fontFamily = EmbeddedFontResolver.FamilyName)
    {
        EmbeddedFontResolver.EnsureInstalled();
        FontFamily = fontFamily;
        _measurer = new PdfSharpTextMeasurer(fontFamily);
    }

    public string FontFamily { get; }

    private readonly PdfSharpTextMeasurer _measurer;

    public ITextMeasurer Measurer => _measurer;

    /// <summary>Write the logical structure (tagged PDF). On by default.</summary>
    public bool Tagged { get; init; } = true;

    public LaidOutDocument Layout(DocumentSpec spec) => DocumentLayout.Layout(spec, Measurer);

    public byte[] Render(DocumentSpec spec)
    {
        using var buffer = new PooledBufferStream(InitialBufferSize);
        Render(spec, buffer);
        return buffer.ToArray();
    }

    public void Render(DocumentSpec spec, Stream output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        Draw(Layout(spec), spec, output);
    }

    /// <summary>Draws an already laid out document.</summary>
    public void Draw(LaidOutDocument laidOut, DocumentSpec spec, Stream output)
    {
        ArgumentNullException.ThrowIfNull(laidOut);
        ArgumentNullException.ThrowIfNull(spec);
        using var document = new PdfDocument();
        document.Info.Title = MetadataText(spec.Title);
        if (spec.Author is not null)
            document.Info.Author = MetadataText(spec.Author);
        if (spec.Subject is not null)
            document.Info.Subject = MetadataText(spec.Subject);
        document.Info.Creator = "PhysioPortal";
        // Page contents are written uncompressed and deflated once, terminated, by the finishing pass (PDFsharp's own
        // encoder leaves off the checksum, so they were deflated twice). The fonts PDFsharp always compresses: at its
        // fastest level (a third of the write time went on compression at the default level, for files about a fifth
        // smaller).
        document.Options.CompressContentStreams = false;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        StructureBuilder? structure = null;
        if (Tagged)
        {
            var ua = UAManager.ForDocument(document);
            ua.SetDocumentLanguage(spec.Language);
            structure = ua.StructureBuilder;
        }

        var painter = new Painter(_measurer);
        var tagger = new Tagger(structure);
        var pageHeight = laidOut.PageSize.Height;
        foreach (var laidOutPage in laidOut.Pages)
        {
            var page = document.AddPage();
            page.Width = XUnitPt.FromPoint(laidOut.PageSize.Width);
            page.Height = XUnitPt.FromPoint(pageHeight);
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                foreach (var command in laidOutPage.Commands)
                {
                    tagger.Enter(command, page, pageHeight);
                    painter.Draw(gfx, command);
                }

                tagger.EndPage();
            }
        }

        tagger.EndDocument();
        if (Tagged)
            PdfFinishing.PrepareStructure(document);
        using var written = new PooledBufferStream(InitialBufferSize);
        document.Save(written, closeStream: false);
        PdfFinishing.Finish(written, output, Tagged);
    }

    /// <summary>
    /// PDFsharp 6.2.4 copies title, author and subject into the XMP metadata without escaping them, so an "&amp;" or
    /// a "&lt;" ("Riverside Physiotherapy &amp; Spine Clinic") would make that XML malformed, which accessibility
    /// checkers reject. The document properties say "and" instead; the page itself keeps the text as given.
    /// </summary>
    internal static string MetadataText(string text) =>
        AmpersandPattern().Replace(text, " and ").Replace('<', '‹').Replace('>', '›').Trim();

    [GeneratedRegex(@"\s*&\s*")]
    private static partial Regex AmpersandPattern();

    /// <summary>Draws commands with cached fonts, brushes and pens.</summary>
    private sealed class Painter(PdfSharpTextMeasurer measurer)
    {
        private readonly Dictionary<(string, bool, double), XFont> _fonts = [];
        private readonly Dictionary<RgbColor, XBrush> _brushes = [];
        private readonly Dictionary<(RgbColor, double), XPen> _pens = [];

        // One XImage per picture: a photo drawn twice (the same array) is embedded in the file once.
        private readonly Dictionary<byte[], XImage> _images = new(ReferenceEqualityComparer.Instance);

        private XImage Image(byte[] data)
        {
            if (!_images.TryGetValue(data, out var image))
            {
                image = XImage.FromStream(new MemoryStream(data, writable: false));
                _images[data] = image;
            }
            return image;
        }

        public void Draw(XGraphics gfx, DrawCommand command)
        {
            switch (command)
            {
                case TextCommand t:
                    if (string.IsNullOrEmpty(t.Text))
                        break;
                    // Visual order, one run per font (a name in Chinese, an emoji in a note: the fallback fonts).
                    var left = t.X;
                    foreach (var (text, family, width) in measurer.Runs(t.Text, t.Style))
                    {
                        gfx.DrawString(text, Font(family, t.Style), Brush(t.Style.Color), left, t.Baseline, XStringFormats.BaseLineLeft);
                        left += width;
                    }
                    break;
                case RectCommand r:
                    var pen = r.Stroke is { } s ? Pen(s, r.StrokeWidth) : null;
                    var brush = r.Fill is { } f ? Brush(f) : null;
                    if (pen is null && brush is null)
                        break;
                    var rect = new XRect(r.X, r.Y, r.Width, r.Height);
                    if (r.CornerRadius > 0)
                        DrawRounded(gfx, pen, brush, rect, r.CornerRadius);
                    else if (pen is not null && brush is not null)
                        gfx.DrawRectangle(pen, brush, rect);
                    else if (pen is not null)
                        gfx.DrawRectangle(pen, rect);
                    else
                        gfx.DrawRectangle(brush!, rect);
                    break;
                case FilledRectsCommand many:
                    if (many.Rects.Count == 0)
                        break;
                    var path = new XGraphicsPath { FillMode = XFillMode.Winding };
                    foreach (var (x, y, w, h) in many.Rects)
                        path.AddRectangle(many.X + x, many.Y + y, w, h);
                    gfx.DrawPath(Brush(many.Fill), path);
                    break;
                case LineCommand l:
                    gfx.DrawLine(Pen(l.Color, l.Width), l.X1, l.Y1, l.X2, l.Y2);
                    break;
                case ImageCommand i:
                    gfx.DrawImage(Image(i.Data), i.X, i.Y, i.Width, i.Height);
                    break;
                case VectorCommand v:
                    DrawVectors(gfx, v);
                    break;
                case LinkCommand:
                    break; // the annotation is added by the tagger
            }
        }

        /// <summary>The first shape through XGraphics (it opens the figure's marked content), the others as
        /// operators written once per figure and copied into the page's content stream.</summary>
        private void DrawVectors(XGraphics gfx, VectorCommand v)
        {
            if (v.Shapes.Count == 0)
                return;
            XPoint[] Points(IReadOnlyList<(double X, double Y)> points) => [.. points.Select(p => new XPoint(v.X + p.X, v.Y + p.Y))];
            switch (v.Shapes[0])
            {
                case VectorLine line when line.Points.Count > 0:
                    gfx.DrawLines(RoundPen(line.Color, line.Width), line.Points.Count == 1 ? [.. Points(line.Points), .. Points(line.Points)] : Points(line.Points));
                    break;
                case VectorPolygon polygon when polygon.Points.Count > 2 && polygon.Rounding > 0:
                    gfx.DrawPolygon(RoundPen(polygon.Color, polygon.Rounding), Brush(polygon.Color), Points(polygon.Points), XFillMode.Winding);
                    break;
                case VectorPolygon polygon when polygon.Points.Count > 2:
                    gfx.DrawPolygon(Brush(polygon.Color), Points(polygon.Points), XFillMode.Winding);
                    break;
                case VectorCircle c:
                    gfx.DrawEllipse(Brush(c.Color), v.X + c.X - c.Radius, v.Y + c.Y - c.Radius, 2 * c.Radius, 2 * c.Radius);
                    break;
            }

            PdfRendererExtensions.BeginGraphicMode(gfx);
            VectorContent.Append(gfx.Internals.ContentStringBuilder!, v, gfx.PageSize.Height);
        }

        private XPen RoundPen(RgbColor color, double width)
        {
            var key = (color, -width); // negative width: the round-capped variant, kept apart from plain pens
            if (!_pens.TryGetValue(key, out var pen))
            {
                _pens[key] = pen = new XPen(XColor.FromArgb(color.R, color.G, color.B), width)
                {
                    LineCap = XLineCap.Round,
                    LineJoin = XLineJoin.Round,
                };
            }

            return pen;
        }

        private static void DrawRounded(XGraphics gfx, XPen? pen, XBrush? brush, XRect rect, double radius)
        {
            var size = new XSize(2 * radius, 2 * radius);
            if (pen is not null && brush is not null)
                gfx.DrawRoundedRectangle(pen, brush, rect, size);
            else if (pen is not null)
                gfx.DrawRoundedRectangle(pen, rect, size);
            else
                gfx.DrawRoundedRectangle(brush!, rect, size);
        }

        private XFont Font(string family, TextStyle style)
        {
            var key = (family, style.Bold, style.Size);
            if (!_fonts.TryGetValue(key, out var font))
                _fonts[key] = font = PdfSharpTextMeasurer.CreateFont(family, style.Bold, style.Size);
            return font;
        }

        private XBrush Brush(RgbColor color)
        {
            if (!_brushes.TryGetValue(color, out var brush))
                _brushes[color] = brush = new XSolidBrush(XColor.FromArgb(color.R, color.G, color.B));
            return brush;
        }

        private XPen Pen(RgbColor color, double width)
        {
            if (!_pens.TryGetValue((color, width), out var pen))
                _pens[(color, width)] = pen = new XPen(XColor.FromArgb(color.R, color.G, color.B), width);
            return pen;
        }
    }

    /// <summary>
    /// Keeps PDFsharp's structure builder in step with the commands: opens and closes structure elements so that
    /// each command is drawn inside its own element, or inside an artifact when it is decoration.
    /// </summary>
    private sealed class Tagger(StructureBuilder? structure)
    {
        private readonly List<StructureNode> _open = [];
        private bool _inArtifact;

        public void Enter(DrawCommand command, PdfPage page, double pageHeight)
        {
            if (structure is null)
            {
                if (command is LinkCommand plain)
                    page.AddWebLink(PdfRect(plain.X, plain.Y, plain.Width, plain.Height, pageHeight), plain.Url);
                return;
            }

            if (command.Tag is null)
            {
                if (!_inArtifact)
                {
                    structure.BeginArtifact();
                    _inArtifact = true;
                }

                return;
            }

            EndArtifact();
            var path = command.Tag.Path();
            if (command is LinkCommand link && command.Tag.Role == StructureRole.Link)
            {
                Sync(path, path.Count - 1, command, pageHeight);
                if (_open.Count > 0 && ReferenceEquals(_open[^1], command.Tag))
                    return;
                var annotation = PdfLinkAnnotation.CreateWebLink(PdfRect(link.X, link.Y, link.Width, link.Height, pageHeight), link.Url);
                structure.BeginElement(annotation, command.Tag.AltText ?? link.Url);
                _open.Add(command.Tag);
                return;
            }

            Sync(path, path.Count, command, pageHeight);
        }

        public void EndPage()
        {
            if (structure is null)
                return;
            EndArtifact();
            structure.EndMarkedContentsWithId();
        }

        public void EndDocument()
        {
            if (structure is null)
                return;
            EndArtifact();
            while (_open.Count > 0)
            {
                structure.End();
                _open.RemoveAt(_open.Count - 1);
            }
        }

        private void EndArtifact()
        {
            if (!_inArtifact)
                return;
            structure!.End();
            _inArtifact = false;
        }

        private void Sync(IReadOnlyList<StructureNode> path, int count, DrawCommand command, double pageHeight)
        {
            var common = 0;
            while (common < _open.Count && common < count && ReferenceEquals(_open[common], path[common]))
                common++;
            while (_open.Count > common)
            {
                structure!.End();
                _open.RemoveAt(_open.Count - 1);
            }

            for (var i = common; i < count; i++)
            {
                Begin(path[i], command, pageHeight);
                _open.Add(path[i]);
            }
        }

        private void Begin(StructureNode node, DrawCommand command, double pageHeight)
        {
            var sb = structure!;
            switch (node.Role)
            {
                case StructureRole.Section:
                    sb.BeginElement(PdfGroupingElementTag.Section);
                    break;
                case StructureRole.Figure:
                    var (x, y, w, h) = Bounds(command);
                    sb.BeginElement(PdfIllustrationElementTag.Figure, node.AltText ?? "", new XRect(x, pageHeight - y - h, w, h));
                    break;
                case StructureRole.Link:
                    sb.BeginElement(PdfInlineLevelElementTag.Link);
                    break;
                default:
                    sb.BeginElement(BlockTag(node.Role));
                    break;
            }
        }

        private static PdfBlockLevelElementTag BlockTag(StructureRole role) => role switch
        {
            StructureRole.Heading1 => PdfBlockLevelElementTag.Heading1,
            StructureRole.Heading2 => PdfBlockLevelElementTag.Heading2,
            StructureRole.Heading3 => PdfBlockLevelElementTag.Heading3,
            StructureRole.List => PdfBlockLevelElementTag.List,
            StructureRole.ListItem => PdfBlockLevelElementTag.ListItem,
            StructureRole.ListLabel => PdfBlockLevelElementTag.Label,
            StructureRole.ListBody => PdfBlockLevelElementTag.ListBody,
            StructureRole.Table => PdfBlockLevelElementTag.Table,
            StructureRole.TableRow => PdfBlockLevelElementTag.TableRow,
            StructureRole.TableHeaderCell => PdfBlockLevelElementTag.TableHeaderCell,
            StructureRole.TableCell => PdfBlockLevelElementTag.TableDataCell,
            _ => PdfBlockLevelElementTag.Paragraph,
        };

        private static (double X, double Y, double W, double H) Bounds(DrawCommand command) => command switch
        {
            ImageCommand i => (i.X, i.Y, i.Width, i.Height),
            VectorCommand v => (v.X, v.Y, v.Width, v.Height),
            RectCommand r => (r.X, r.Y, r.Width, r.Height),
            FilledRectsCommand f when f.Rects.Count > 0 => (
                f.X + f.Rects.Min(r => r.X),
                f.Y + f.Rects.Min(r => r.Y),
                f.Rects.Max(r => r.X + r.Width) - f.Rects.Min(r => r.X),
                f.Rects.Max(r => r.Y + r.Height) - f.Rects.Min(r => r.Y)),
            TextCommand t => (t.X, t.Baseline - t.Style.Size, t.Width, t.Style.Size * 1.2),
            _ => (0, 0, 0, 0),
        };

        /// <summary>A rectangle in PDF space (origin at the bottom left).</summary>
        private static PdfRectangle PdfRect(double x, double y, double w, double h, double pageHeight) =>
            new(new XPoint(x, pageHeight - y - h), new XPoint(x + w, pageHeight - y));
    }
}
