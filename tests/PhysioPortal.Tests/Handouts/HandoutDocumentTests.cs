using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Tests.Handouts;

public partial class HandoutDocumentTests
{
    private static readonly HandoutDocument Handout = new();
    private static readonly PdfSharpRenderer Renderer = new();

    private static PdfDocument Open(byte[] pdf) => PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);

    private static LaidOutDocument Layout(HandoutModel model) => Renderer.Layout(HandoutDocument.Compose(model));

    private static List<string> AllTexts(LaidOutDocument doc) => doc.Pages.SelectMany(p => p.Texts).ToList();

    [Fact]
    public void Eight_exercises_make_a_small_pdf_of_several_pages()
    {
        var bytes = Handout.Render(HandoutSamples.EightExercises());

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length < 300_000, $"{bytes.Length} bytes");
        using var pdf = Open(bytes);
        Assert.True(pdf.PageCount >= 2, $"{pdf.PageCount} pages");
    }

    [Fact]
    public void Fonts_are_embedded_as_subsets_with_a_unicode_map_so_text_can_be_extracted()
    {
        using var pdf = Open(Handout.Render(HandoutSamples.EightExercises()));

        var fonts = pdf.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Where(d => d.Elements.GetName("/Type") == "/Font" && d.Elements.GetName("/Subtype") == "/Type0")
            .ToList();
        Assert.Equal(2, fonts.Count); // regular and bold
        Assert.All(fonts, font =>
        {
            Assert.Matches(SubsetName(), font.Elements.GetName("/BaseFont"));
            Assert.True(font.Elements.ContainsKey("/ToUnicode"));
        });
        var fontFiles = pdf.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Count(d => d.Elements.GetName("/Type") == "/FontDescriptor" && d.Elements.ContainsKey("/FontFile2"));
        Assert.Equal(2, fontFiles);
    }

    [Fact]
    public void The_pdf_is_tagged_for_screen_readers()
    {
        using var pdf = Open(Handout.Render(HandoutSamples.EightExercises()));

        var catalog = pdf.Internals.Catalog;
        Assert.True(catalog.Elements.ContainsKey("/StructTreeRoot"));
        Assert.True(catalog.Elements.ContainsKey("/MarkInfo"));
        Assert.Equal("en", catalog.Elements.GetString("/Lang"));
        Assert.Equal("Scoliosis routine – exercise handout", pdf.Info.Title);
    }

    [Fact]
    public void Letter_and_A4_give_different_page_sizes()
    {
        using var a4 = Open(Handout.Render(HandoutSamples.EightExercises(PaperSize.A4)));
        using var letter = Open(Handout.Render(HandoutSamples.EightExercises(PaperSize.Letter)));

        Assert.Equal(595.3, a4.Pages[0].Width.Point, 1);
        Assert.Equal(841.9, a4.Pages[0].Height.Point, 1);
        Assert.Equal(612, letter.Pages[0].Width.Point, 1);
        Assert.Equal(792, letter.Pages[0].Height.Point, 1);
    }

    [Fact]
    public void Every_page_says_page_n_of_m_with_the_real_page_count()
    {
        var model = HandoutSamples.EightExercises();
        var doc = Layout(model);
        using var pdf = Open(Handout.Render(model));

        Assert.Equal(pdf.PageCount, doc.PageCount);
        foreach (var page in doc.Pages)
            Assert.Contains($"Page {page.PageNumber} of {doc.PageCount}", page.Texts);
        Assert.Contains("Riverside Physiotherapy & Spine Clinic · not a substitute for medical advice", doc.Pages[^1].Texts);
    }

    [Fact]
    public void No_exercise_is_split_across_pages()
    {
        var doc = Layout(HandoutSamples.EightExercises());

        var pagesBySection = doc.Pages
            .SelectMany(p => p.Commands.Where(c => c.Tag is not null).Select(c => (Page: p.PageNumber, c.Tag)))
            .Select(x => (x.Page, Section: x.Tag!.Path().FirstOrDefault(n => n.Role == StructureRole.Section)))
            .Where(x => x.Section is not null)
            .GroupBy(x => x.Section!, x => x.Page)
            .ToList();
        Assert.Equal(8, pagesBySection.Count);
        Assert.All(pagesBySection, g => Assert.Single(g.Distinct()));
    }

    [Fact]
    public void The_content_is_all_there()
    {
        var texts = string.Join("\n", AllTexts(Layout(HandoutSamples.EightExercises())));

        Assert.Contains("Riverside Physiotherapy & Spine Clinic", texts);
        Assert.Contains("José Müller-Łukasiewicz", texts);
        Assert.Contains("Aoife Ní Bhriain, MISCP", texts);
        Assert.Contains("14 March 2026", texts);
        Assert.Contains("Scoliosis routine", texts);
        Assert.Contains("1. Child’s Pose", texts);
        Assert.Contains("8. Diaphragmatic Breathing", texts);
        Assert.Contains("Hold 15–30 s · 3 reps · both sides", texts);
        Assert.Contains("Kneeling", texts);
        Assert.Contains("Skip the side stretch if it pinches your lower back.", texts);
        Assert.Contains("Go slowly: 3 seconds each way.", texts);
        Assert.Contains("physio.example/l/7Hk2Qp", texts);
        Assert.Contains(HandoutStopSigns.Title, texts);
        Assert.All(HandoutStopSigns.Always, sign => Assert.Contains(sign, texts));
    }

    [Fact]
    public void Pregnancy_adds_its_own_warning_signs()
    {
        var model = HandoutSamples.EightExercises();
        var usual = string.Join("\n", AllTexts(Layout(model)));
        var pregnant = string.Join("\n", AllTexts(Layout(model with { IsPregnant = true })));

        Assert.All(HandoutStopSigns.InPregnancy, sign => Assert.DoesNotContain(sign, usual));
        Assert.All(HandoutStopSigns.InPregnancy, sign => Assert.Contains(sign, pregnant));
        Assert.All(HandoutStopSigns.Always, sign => Assert.Contains(sign, pregnant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_tick_chart_has_a_box_per_exercise_scheduled_day_and_session(int sessionsPerDay)
    {
        var model = HandoutSamples.EightExercises() with { ScheduleDays = ["Mon", "Tue", "Thu", "Sat"], SessionsPerDay = sessionsPerDay };
        var doc = Layout(model);

        var boxes = doc.Pages.SelectMany(p => p.Commands).OfType<RectCommand>().Count(r => r.CornerRadius > 0);
        Assert.Equal(8 * 4 * sessionsPerDay, boxes);
        var texts = AllTexts(doc);
        Assert.Contains("Tue", texts);
        Assert.DoesNotContain("Wed", texts);
    }

    [Fact]
    public void The_qr_code_holds_the_log_url_only_and_is_left_out_without_one()
    {
        var with = Layout(HandoutSamples.EightExercises());
        var without = Layout(HandoutSamples.EightExercises() with { LogUrl = null });

        var qr = Assert.Single(with.Pages[0].Commands.OfType<FilledRectsCommand>());
        Assert.Contains("https://physio.example/l/7Hk2Qp", qr.Tag!.AltText);
        Assert.Empty(without.Pages.SelectMany(p => p.Commands).OfType<FilledRectsCommand>());
        Assert.Throws<ArgumentException>(() => HandoutDocument.Compose(HandoutSamples.EightExercises() with { LogUrl = "José's log" }));
    }

    [Fact]
    public void A_very_long_exercise_name_and_a_ten_thousand_character_note_do_not_throw()
    {
        var words = string.Join(' ', Enumerable.Range(0, 2000).Select(i => i % 37 == 0 ? "Pneumonoultramicroscopicsilicovolcanoconiosis" : "stretch"));
        var note = (words + "\n\n" + words)[..10_000];
        var model = HandoutSamples.EightExercises() with
        {
            NoteToPatient = note,
            Exercises =
            [
                HandoutSamples.EightExercises().Exercises[0] with
                {
                    Name = string.Concat(Enumerable.Repeat("Extraordinarily-long-exercise-name-", 30)),
                    ClinicianNote = note,
                },
                .. HandoutSamples.EightExercises().Exercises.Skip(1),
            ],
        };

        var bytes = Handout.Render(model);

        using var pdf = Open(bytes);
        Assert.True(pdf.PageCount >= 4);
    }

    [Fact]
    public void Handouts_can_be_rendered_on_many_threads_at_once()
    {
        var model = HandoutSamples.EightExercises();
        var sizes = new int[8];

        Parallel.For(0, sizes.Length, i => sizes[i] = Handout.Render(model with { IsPregnant = i % 2 == 0 }).Length);

        Assert.All(sizes, s => Assert.True(s > 10_000));
    }

    [GeneratedRegex(@"^/[A-Z]{6}\+DejaVu Sans")]
    private static partial Regex SubsetName();
}
