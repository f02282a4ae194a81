using System.ComponentModel;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using PhysioPortal.Core.Handouts;
using UglyToad.PdfPig;

namespace PhysioPortal.Tests.Handouts;

/// <summary>
/// The handout as other software sees it: page 1 rasterised by poppler's pdftoppm (what most Linux viewers use), and
/// the metadata a PDF reader or an accessibility checker parses.
/// </summary>
public sealed class HandoutPictureTests : IDisposable
{
    private static readonly HandoutDocument Document = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("handout-png-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Page_one_rasterises_with_pdftoppm_into_a_picture_with_the_handout_s_ink_and_colours()
    {
        var pdfPath = Path.Combine(_directory, "handout.pdf");
        File.WriteAllBytes(pdfPath, Document.Render(HandoutSamples.EightExercises()));

        var png = PdfToPng(pdfPath, page: 1, dpi: 50);

        var image = Png.Decode(File.ReadAllBytes(png));
        // A4 at 50 dpi.
        Assert.InRange(image.Width, 410, 416);
        Assert.InRange(image.Height, 582, 588);
        var pixels = image.Pixels().ToList();
        var inked = pixels.Count(p => p.R < 235 || p.G < 235 || p.B < 235) / (double)pixels.Count;
        Assert.InRange(inked, 0.03, 0.6); // text and boxes, not a blank page and not a black one
        Assert.Contains(pixels, p => Near(p, 0x0F, 0x76, 0x6E, 40)); // teal headings and rule
        Assert.Contains(pixels, p => Near(p, 0xFE, 0xF3, 0xC7, 12)); // the amber "stop" box
    }

    [Fact]
    public void The_xmp_metadata_is_well_formed_even_when_the_clinic_s_name_has_an_ampersand()
    {
        var model = HandoutSamples.EightExercises() with { RoutineTitle = "Hips & knees <week 1>" };
        Assert.Contains("&", model.ClinicName, StringComparison.Ordinal);

        using var pdf = PdfDocument.Open(Document.Render(model));

        Assert.True(pdf.TryGetXmpMetadata(out var xmp));
        var xml = xmp.GetXDocument(); // throws on malformed XML
        Assert.Contains("Riverside Physiotherapy and Spine Clinic", xml.ToString(), StringComparison.Ordinal);
        Assert.Equal("Hips and knees ‹week 1› – exercise handout", pdf.Information.Title);
    }

    private static bool Near((byte R, byte G, byte B) p, int r, int g, int b, int tolerance) =>
        Math.Abs(p.R - r) <= tolerance && Math.Abs(p.G - g) <= tolerance && Math.Abs(p.B - b) <= tolerance;

    /// <summary>Runs pdftoppm; fails (never skips) when it is not installed.</summary>
    private string PdfToPng(string pdfPath, int page, int dpi)
    {
        var prefix = Path.Combine(_directory, "page");
        var start = new ProcessStartInfo("pdftoppm")
        {
            ArgumentList = { "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-singlefile", pdfPath, prefix },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start.");
        }
        catch (Win32Exception)
        {
            Assert.Fail("pdftoppm is not installed. It comes with Debian's poppler-utils: apt-get install -y poppler-utils " +
                        "(./portal test installs it when it runs as root).");
            throw;
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "pdftoppm took more than a minute.");
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {errors.Result}");
        }

        var png = prefix + ".png";
        Assert.True(File.Exists(png), "pdftoppm wrote no PNG.");
        return png;
    }

    /// <summary>Just enough of a PNG decoder for pdftoppm's output: 8-bit grey, RGB or RGBA, not interlaced.</summary>
    private sealed record Png(int Width, int Height, int Channels, byte[] Data)
    {
        public static Png Decode(byte[] file)
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
            int width = 0, height = 0, channels = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < file.Length;)
            {
                var length = ReadInt(file, at);
                var type = Encoding.ASCII.GetString(file, at + 4, 4);
                var body = file.AsSpan(at + 8, length);
                switch (type)
                {
                    case "IHDR":
                        (width, height) = (ReadInt(file, at + 8), ReadInt(file, at + 12));
                        Assert.Equal(8, body[8]); // bit depth
                        Assert.Equal(0, body[12]); // not interlaced
                        channels = body[9] switch { 0 => 1, 2 => 3, 6 => 4, var t => throw new NotSupportedException($"PNG colour type {t}") };
                        break;
                    case "IDAT":
                        idat.Write(body);
                        break;
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
                z.CopyTo(inflated);
            return new Png(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
        }

        public IEnumerable<(byte R, byte G, byte B)> Pixels()
        {
            for (var i = 0; i < Data.Length; i += Channels)
                yield return Channels >= 3 ? (Data[i], Data[i + 1], Data[i + 2]) : (Data[i], Data[i], Data[i]);
        }

        private static int ReadInt(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

        private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
        {
            var stride = width * bpp;
            var result = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                var line = raw.AsSpan(y * (stride + 1) + 1, stride);
                var row = result.AsSpan(y * stride, stride);
                var up = y > 0 ? result.AsSpan((y - 1) * stride, stride) : new byte[stride];
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? row[x - bpp] : 0, b = up[x], c = x >= bpp ? up[x - bpp] : 0;
                    row[x] = (byte)(line[x] + filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new NotSupportedException($"PNG filter {filter}"),
                    });
                }
            }

            return result;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
