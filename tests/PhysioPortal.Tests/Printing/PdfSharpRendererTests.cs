using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;
using PhysioPortal.Core.Handouts.Composition;
using QRCoder;

namespace PhysioPortal.Tests.Printing;

public class PdfSharpRendererTests
{
    private static readonly TextStyle Body = new() { Size = 10.5 };

    [Theory]
    [InlineData("Hello, world")]
    [InlineData("José Müller-Łukasiewicz – 15–30 s · each side")]
    [InlineData("AVAWATo ffi fl")]
    public void Measured_widths_match_what_pdfsharp_draws(string text)
    {
        var measurer = new PdfSharpTextMeasurer();
        var gfx = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);

        foreach (var style in new[] { Body, Body.AsBold() })
        {
            var font = new XFont(EmbeddedFontResolver.FamilyName, style.Size, style.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            Assert.Equal(gfx.MeasureString(text, font).Width, measurer.MeasureWidth(text, style), 2);
        }
    }

    [Fact]
    public void Draws_every_building_block_with_and_without_tags()
    {
        // A palette PNG (PDFsharp 6.2.4 reads palette, RGB and RGBA PNGs, not 1-bit greyscale ones).
        var png = new PngByteQRCode(QRCodeGenerator.GenerateQrCode("https://example.org", QRCodeGenerator.ECCLevel.L))
            .GetGraphic(4, [0, 0, 0], [255, 255, 255]);
        var table = new Table { HeaderBackground = new RgbColor(230, 242, 241) };
        table.Columns.AddRange([ColumnWidth.Fixed(120), ColumnWidth.Relative()]);
        table.HeaderRows.Add(new TableRow(new TableCell(new Paragraph("Name", Body.AsBold())), new TableCell(new Paragraph("Ticks", Body.AsBold()))));
        table.Rows.Add(new TableRow(new TableCell(new Paragraph("Bird dog", Body)), new TableCell(new TickBoxes(3))));
        var callout = new Callout("Stop if", new CalloutStyle { BodyStyle = Body });
        callout.Bullets.AddRange(["sharp pain", "numbness"]);
        var content = new Column(
            new Heading("Title", Body.WithSize(20), level: 1),
            new Paragraph().Span("Bold ", Body.AsBold()).Span("and a ", Body).Span("link", Body, "https://example.org/a"),
            new ListBlock { BodyStyle = Body }.Item("one").Item("two"),
            callout,
            table,
            new Row().Relative(new Paragraph("left", Body)).Fixed(new QrCodeBlock("https://example.org", 50, "QR"), 60),
            new ImageBlock(png, 40, 40, "A picture"),
            new Spacer(10),
            new Rule())
        { Role = StructureRole.Section };
        var spec = new DocumentSpec(content) { Title = "Blocks", Footer = p => new Paragraph($"Page {p.PageNumber} of {p.PageCount}", Body) };

        foreach (var tagged in new[] { true, false })
        {
            var bytes = new PdfSharpRenderer { Tagged = tagged }.Render(spec);
            Checkers.Qpdf.AssertValid(bytes, $"the blocks sample (tagged: {tagged})");
            using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
            Assert.Equal(1, pdf.PageCount);
            Assert.Equal(tagged, pdf.Internals.Catalog.Elements.ContainsKey("/StructTreeRoot"));
        }
    }
}
