using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Tests.Handouts;

public partial class HandoutDocumentTests
{
    private static readonly HandoutDocument Handout = new();
    private static readonly PdfSharpRenderer Renderer = new();

    private static PdfDocument Open(byte[] pdf)
    {
        Checkers.Qpdf.AssertValid(pdf);
        return PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
    }

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
    public void The_pdf_identifies_itself_as_pdf_ua_and_its_table_header_cells_have_a_scope()
    {
        using var pdf = Open(Handout.Render(HandoutSamples.EightExercises()));

        var metadata = Assert.IsType<PdfDictionary>(pdf.Internals.Catalog.Elements.GetObject("/Metadata"), exactMatch: false);
        var xmp = System.Text.Encoding.UTF8.GetString(metadata.Stream.Value);
        var packet = xmp[xmp.IndexOf("<x:xmpmeta", StringComparison.Ordinal)..(xmp.IndexOf("</x:xmpmeta>", StringComparison.Ordinal) + 12)];
        var xml = System.Xml.Linq.XDocument.Parse(packet); // well-formed
        Assert.Equal("1", xml.Descendants(System.Xml.Linq.XName.Get("part", "http://www.aiim.org/pdfua/ns/id/")).Single().Value);

        var headers = pdf.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Where(d => d.Elements.GetName("/Type") == "/StructElem" && d.Elements.GetName("/S") == "/TH").ToList();
        Assert.NotEmpty(headers);
        Assert.All(headers, th =>
        {
            var attributes = Assert.IsType<PdfDictionary>(th.Elements.GetObject("/A"), exactMatch: false);
            Assert.Equal("/Table", attributes.Elements.GetName("/O"));
            Assert.Equal("/Column", attributes.Elements.GetName("/Scope"));
        });
    }

    /// <summary>
    /// The upstream bug <see cref="PdfFinishing"/> works around, in a few lines: PDFsharp 6.2.4's flate encoder ends the
    /// data without the final block and the Adler-32 checksum zlib requires (qpdf: "input stream is complete but output
    /// may still be valid"). When this test fails, PDFsharp has fixed it and the re-deflating can go.
    /// </summary>
    [Fact]
    public void PdfSharp_6_2_4_writes_flate_streams_without_their_checksum_and_the_finishing_pass_writes_them_whole()
    {
        var raw = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0 0 m 10 10 l S\n", 60)));

        var upstream = new PdfSharp.Pdf.Filters.FlateDecode().Encode(raw, PdfFlateEncodeMode.Default);
        var ours = PdfFinishing.Deflate(raw);

        Assert.NotEqual(Adler32(raw), upstream.AsSpan(upstream.Length - 4).ToArray());
        Assert.Equal(Adler32(raw), ours.AsSpan(ours.Length - 4).ToArray());
        Assert.Equal(raw, PdfFinishing.Inflate(upstream)); // the data itself is all there: re-deflating loses nothing
    }

    private static byte[] Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        var sum = (b << 16) | a;
        return [(byte)(sum >> 24), (byte)(sum >> 16), (byte)(sum >> 8), (byte)sum];
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
        Assert.Contains(StopSigns.Title, texts);
        Assert.All(StopSigns.Always, sign => Assert.Contains(sign, texts));
    }

    [Fact]
    public void Pregnancy_adds_its_own_warning_signs()
    {
        var model = HandoutSamples.EightExercises();
        var usual = string.Join("\n", AllTexts(Layout(model)));
        var pregnant = string.Join("\n", AllTexts(Layout(model with { IsPregnant = true })));

        Assert.All(StopSigns.InPregnancy, sign => Assert.DoesNotContain(sign, usual));
        Assert.All(StopSigns.InPregnancy, sign => Assert.Contains(sign, pregnant));
        Assert.All(StopSigns.Always, sign => Assert.Contains(sign, pregnant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_tick_sheet_has_a_box_per_week_scheduled_day_and_session_over_the_whole_routine(int sessionsPerDay)
    {
        var start = new DateOnly(2026, 3, 16);
        var model = HandoutSamples.EightExercises() with
        {
            ScheduleDays = ["Mon", "Tue", "Thu", "Sat"], SessionsPerDay = sessionsPerDay, StartDate = start, EndDate = start.AddDays(6 * 7 - 1),
        };
        var doc = Layout(model);

        var boxes = doc.Pages.SelectMany(p => p.Commands).OfType<RectCommand>().Count(r => r.CornerRadius > 0);
        Assert.Equal(6 * 4 * sessionsPerDay, boxes);
        var texts = AllTexts(doc);
        Assert.Contains("Tue", texts);
        Assert.DoesNotContain("Wed", texts);
        Assert.Contains("Week 1 · 16 Mar", texts);
        Assert.Contains("Week 6 · 20 Apr", texts);
        Assert.Contains(texts, t => t.Contains("16 March 2026 to 26 April 2026 (6 weeks)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_long_routine_gets_a_row_per_week_over_several_pages_with_no_row_cut()
    {
        var start = new DateOnly(2026, 1, 5);
        var model = HandoutSamples.EightExercises() with { StartDate = start, EndDate = start.AddDays(52 * 7 - 1), SessionsPerDay = 2 };
        var doc = Layout(model);

        var texts = AllTexts(doc);
        Assert.Equal(52, texts.Count(t => t.StartsWith("Week ", StringComparison.Ordinal)));
        var boxes = doc.Pages.SelectMany(p => p.Commands).OfType<RectCommand>().Count(r => r.CornerRadius > 0);
        Assert.Equal(52 * model.ScheduleDays.Count * 2, boxes); // a box per scheduled day and session
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
