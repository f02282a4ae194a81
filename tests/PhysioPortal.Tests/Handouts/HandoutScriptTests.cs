using System.Globalization;
using System.Text;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Tests.Checkers;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace PhysioPortal.Tests.Handouts;

/// <summary>
/// Names and notes in any script: the handout's text layer read back with PdfPig, and page 1 rendered by poppler's
/// pdftoppm, where every character must have drawn a glyph of its own (distinct characters, distinct ink; a missing
/// glyph draws the same empty box for all of them).
/// </summary>
public sealed class HandoutScriptTests : IDisposable
{
    private const string Name = "王小明 محمد";
    private const string Note = "Ελένη, Ёлка, Łódź, Ærøskøbing, שלום, 김민준, さくら 2×10 👍";

    private static readonly HandoutDocument Document = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("handout-scripts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_script_reads_back_from_the_text_layer_in_reading_order_for_its_direction()
    {
        var pdf = HandoutPdf.Read(Render()); // qpdf-checked too
        var text = pdf.Pages[0].Normalize(NormalizationForm.FormKC); // Arabic presentation forms back to letters

        Assert.Contains("王小明", pdf.Pages[0], StringComparison.Ordinal);
        foreach (var word in new[] { "Ελένη", "Ёлка", "Łódź", "Ærøskøbing", "김민준", "さくら", "👍" })
            Assert.Contains(word, pdf.Pages[0], StringComparison.Ordinal);
        // Right-to-left words are stored in the order they are drawn (left to right on the page), as in every PDF
        // without /ActualText: reversed, letter by letter, and the Arabic letters joined.
        Assert.Contains(Reverse("محمد"), text, StringComparison.Ordinal);
        Assert.Contains(Reverse("שלום"), pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("\uFEE3", pdf.Pages[0], StringComparison.Ordinal); // meem, initial form: joined, not isolated letters
    }

    [Fact]
    public void Fallback_fonts_are_embedded_as_subsets_only_when_a_handout_needs_them()
    {
        using var plain = PdfDocument.Open(Document.Render(HandoutSamples.EightExercises()));
        using var scripts = PdfDocument.Open(Render());

        static HashSet<string> Fonts(PdfDocument d) => d.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").ToHashSet();
        Assert.DoesNotContain(Fonts(plain), f => f.Contains("Fallback", StringComparison.Ordinal));
        var used = Fonts(scripts);
        Assert.Contains(used, f => f.Contains("Droid Sans Fallback", StringComparison.Ordinal)); // CJK
        Assert.Contains(used, f => f.Contains("Noto Sans Symbols2", StringComparison.Ordinal)); // the emoji
        Assert.All(used, f => Assert.Matches("^[A-Z]{6}\\+", f)); // subsets
    }

    [Fact]
    public void Each_character_draws_its_own_glyph_on_the_rendered_page()
    {
        var pdfPath = Path.Combine(_directory, "scripts.pdf");
        File.WriteAllBytes(pdfPath, Render());
        const int dpi = 150;
        var page = Pgm.Read(PdfToPgm(pdfPath, dpi));
        using var pdf = PdfDocument.Open(pdfPath);
        var letters = pdf.GetPage(1).Letters;
        var height = pdf.GetPage(1).Height;

        var checkedLetters = new[] { "王", "小", "明", "김", "민", "さ", "く", "👍", "Ε", "Ё", "\uFEE3", "ש" };
        var inks = new List<(string Letter, bool[] Ink)>();
        foreach (var value in checkedLetters)
        {
            var letter = letters.FirstOrDefault(l => l.Value == value);
            Assert.True(letter is not null, $"\"{value}\" is not on page 1's text layer");
            var ink = Crop(page, letter!, height, dpi);
            var share = ink.Count(x => x) / (double)ink.Length;
            Assert.True(share > 0.04, $"\"{value}\" drew almost no ink ({share:P1}): an empty glyph");
            inks.Add((value, ink));
        }
        // Distinct characters look distinct (a missing glyph draws the same box each time).
        for (var i = 0; i < inks.Count; i++)
        {
            for (var j = i + 1; j < inks.Count; j++)
            {
                var a = inks[i].Ink;
                var b = inks[j].Ink;
                var n = Math.Min(a.Length, b.Length);
                var differ = Enumerable.Range(0, n).Count(k => a[k] != b[k]) / (double)n;
                Assert.True(differ > 0.05, $"\"{inks[i].Letter}\" and \"{inks[j].Letter}\" render the same picture: a missing-glyph box");
            }
        }
    }

    [Fact]
    public void Visual_order_reverses_right_to_left_runs_keeps_numbers_and_joins_arabic_letters()
    {
        Assert.Same("plain text", ScriptText.Visual("plain text"));
        Assert.Equal("Name: םולש", ScriptText.Visual("Name: שלום"));
        Assert.Equal("םולש 12 ,ןכ", ScriptText.Visual("כן, 12 שלום"));
        // محمد: meem initial, hah medial, meem medial, dal final; drawn right to left.
        Assert.Equal("\uFEAA\uFEE4\uFEA4\uFEE3", ScriptText.Visual("محمد"));
        Assert.Equal("\uFEFB", ScriptText.Visual("لا")); // lam-alef ligature
        Assert.Equal("👍", ScriptText.Visual("👍🏽")); // skin tone dropped: one-colour glyph
    }

    private static byte[] Render() => Document.Render(HandoutSamples.EightExercises() with { PatientName = Name, NoteToPatient = Note });

    private static string Reverse(string s) => new(s.Reverse().ToArray());

    /// <summary>The letter's glyph box as dark (true) or light pixels, resampled to 16×16.</summary>
    private static bool[] Crop(Pgm page, Letter letter, double pageHeight, int dpi)
    {
        var box = letter.BoundingBox;
        var scale = dpi / 72.0;
        int x0 = (int)Math.Floor(box.Left * scale), x1 = (int)Math.Ceiling(box.Right * scale);
        int y0 = (int)Math.Floor((pageHeight - box.Top) * scale), y1 = (int)Math.Ceiling((pageHeight - box.Bottom) * scale);
        var ink = new bool[16 * 16];
        for (var gy = 0; gy < 16; gy++)
        {
            for (var gx = 0; gx < 16; gx++)
            {
                var px = Math.Clamp(x0 + (x1 - x0) * gx / 16, 0, page.Width - 1);
                var py = Math.Clamp(y0 + (y1 - y0) * gy / 16, 0, page.Height - 1);
                ink[gy * 16 + gx] = page.Data[py * page.Width + px] < 160;
            }
        }
        return ink;
    }

    private string PdfToPgm(string pdfPath, int dpi)
    {
        var prefix = Path.Combine(_directory, "page");
        var r = CheckerTool.Run("pdftoppm", ["-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", pdfPath, prefix]);
        Assert.True(r.ExitCode == 0, $"pdftoppm failed ({r.ExitCode}): {r.Errors}");
        return prefix + ".pgm";
    }

    /// <summary>A binary PGM (P5, 8-bit) as pdftoppm -gray writes it.</summary>
    private sealed record Pgm(int Width, int Height, byte[] Data)
    {
        public static Pgm Read(string file)
        {
            var bytes = File.ReadAllBytes(file);
            var fields = new List<string>();
            var at = 0;
            while (fields.Count < 4)
            {
                while (char.IsWhiteSpace((char)bytes[at])) at++;
                var start = at;
                while (!char.IsWhiteSpace((char)bytes[at])) at++;
                fields.Add(Encoding.ASCII.GetString(bytes, start, at - start));
            }
            Assert.Equal("P5", fields[0]);
            int width = int.Parse(fields[1], CultureInfo.InvariantCulture), height = int.Parse(fields[2], CultureInfo.InvariantCulture);
            return new Pgm(width, height, bytes[(at + 1)..]);
        }
    }
}
