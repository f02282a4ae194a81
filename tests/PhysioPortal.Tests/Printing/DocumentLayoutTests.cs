using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Tests.Printing;

/// <summary>The layout engine with a fake measurer: each character is 5 pt wide, each line 10 pt high.</summary>
public class DocumentLayoutTests
{
    private static readonly TextStyle Plain = new() { Size = 10, LineHeight = 1.0 };
    private static readonly FixedWidthMeasurer Measurer = new();

    private static List<string> Lines(string text, double width) =>
        TextLayout.Wrap([new TextRun(text, Plain)], width, Plain, TextAlign.Left, Measurer)
            .Select(l => string.Concat(l.Fragments.Select(f => f.Text)))
            .ToList();

    /// <summary>A page whose body is exactly <paramref name="lines"/> lines high, 200 pt (40 characters) wide.</summary>
    private static DocumentSpec Page(Block content, int lines = 10) => new(content)
    {
        PageSize = new PageSize(200, lines * 10),
        Margins = Margins.All(0),
    };

    /// <summary>A paragraph of <paramref name="count"/> one-word lines (each word fills the 40-character line).</summary>
    private static Paragraph LinesOf(string prefix, int count, int minLines = 2)
    {
        var words = Enumerable.Range(1, count).Select(i => $"{prefix}{i}".PadRight(40, '.'));
        return new Paragraph(string.Join(' ', words), Plain) { MinLinesAtPageEdge = minLines };
    }

    private static int PageOf(LaidOutDocument doc, string textStart) =>
        doc.Pages.Single(p => p.Texts.Any(t => t == textStart || t.StartsWith(textStart + ".", StringComparison.Ordinal))).PageNumber;

    [Fact]
    public void Words_wrap_greedily_at_spaces()
    {
        Assert.Equal(["aaa bbb", "ccc"], Lines("aaa bbb ccc", 40));
        Assert.Equal(["one two", "three four", "five"], Lines("one   two three\tfour five", 50));
    }

    [Fact]
    public void Lines_may_break_after_a_hyphen_or_a_slash()
    {
        Assert.Equal(["aaa well-", "known"], Lines("aaa well-known", 45));
        Assert.Equal(["example.org/", "log/abc"], Lines("example.org/log/abc", 70));
        Assert.Equal(["aaa well-known"], Lines("aaa well-known", 200));
        Assert.Equal(["-5 and", "x-"], Lines("-5 and x-", 30));
    }

    [Fact]
    public void Explicit_line_breaks_are_kept()
    {
        Assert.Equal(["first", "", "second"], Lines("first\n\nsecond", 200));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_between_characters()
    {
        Assert.Equal(["abcde", "fghij", "klmno", "p"], Lines("abcdefghijklmnop", 25));
        Assert.Equal(["hi", "abcde", "fghij", "k end"], Lines("hi abcdefghijk end", 25));
    }

    [Fact]
    public void Runs_in_different_styles_share_a_line_and_keep_their_styles()
    {
        var bold = Plain.AsBold();
        var lines = TextLayout.Wrap(
            [new TextRun("Patient:", bold), new TextRun(" José Müller", Plain)], 200, Plain, TextAlign.Left, Measurer);

        var line = Assert.Single(lines);
        Assert.Equal(2, line.Fragments.Count);
        Assert.True(line.Fragments[0].Style.Bold);
        Assert.Equal(0, line.Fragments[0].X);
        Assert.Equal(40, line.Fragments[1].X); // "Patient:" is 8 characters
        Assert.Equal(" José Müller", line.Fragments[1].Text);
    }

    [Fact]
    public void Right_and_centre_alignment_move_the_line()
    {
        var right = TextLayout.Wrap([new TextRun("abcd", Plain)], 100, Plain, TextAlign.Right, Measurer);
        var centre = TextLayout.Wrap([new TextRun("abcd", Plain)], 100, Plain, TextAlign.Center, Measurer);
        Assert.Equal(80, right[0].Fragments[0].X);
        Assert.Equal(40, centre[0].Fragments[0].X);
    }

    [Fact]
    public void A_keep_together_block_that_does_not_fit_moves_to_the_next_page()
    {
        var group = new Column(LinesOf("g", 5)) { KeepTogether = true };
        var doc = DocumentLayout.Layout(Page(new Column(LinesOf("a", 7, minLines: 1), group)), Measurer);

        Assert.Equal(2, doc.PageCount);
        Assert.Equal(7, doc.Pages[0].Texts.Count());
        Assert.Equal(2, PageOf(doc, "g1"));
        Assert.Equal(2, PageOf(doc, "g5"));
    }

    [Fact]
    public void Without_keep_together_the_same_block_fills_the_page()
    {
        var group = new Column(LinesOf("g", 5, minLines: 1));
        var doc = DocumentLayout.Layout(Page(new Column(LinesOf("a", 7, minLines: 1), group)), Measurer);

        Assert.Equal(1, PageOf(doc, "g3"));
        Assert.Equal(2, PageOf(doc, "g4"));
    }

    [Fact]
    public void A_keep_together_block_taller_than_a_page_is_split_rather_than_lost()
    {
        var group = new Column(LinesOf("g", 25)) { KeepTogether = true };
        var doc = DocumentLayout.Layout(Page(new Column(LinesOf("a", 3, minLines: 1), group)), Measurer);

        Assert.Equal(1, PageOf(doc, "a3"));
        Assert.Equal(2, PageOf(doc, "g1"));
        Assert.Equal(25 + 3, doc.Pages.Sum(p => p.Texts.Count()));
    }

    [Fact]
    public void A_heading_is_kept_with_the_block_after_it()
    {
        var content = new Column(
            LinesOf("a", 9, minLines: 1),
            new Heading("Heading", Plain),
            LinesOf("b", 3));
        var doc = DocumentLayout.Layout(Page(content), Measurer);

        Assert.Equal(9, doc.Pages[0].Texts.Count());
        Assert.Equal(2, PageOf(doc, "Heading"));
        Assert.Equal(2, PageOf(doc, "b1"));
    }

    [Fact]
    public void No_orphan_a_single_first_line_is_not_left_at_the_bottom_of_a_page()
    {
        var doc = DocumentLayout.Layout(Page(new Column(LinesOf("a", 9, minLines: 1), LinesOf("b", 4))), Measurer);

        Assert.Equal(2, PageOf(doc, "b1"));
        Assert.Equal(9, doc.Pages[0].Texts.Count());
    }

    [Fact]
    public void No_widow_a_single_last_line_is_not_carried_alone_to_the_next_page()
    {
        var doc = DocumentLayout.Layout(Page(new Column(LinesOf("a", 6, minLines: 1), LinesOf("b", 5))), Measurer);

        Assert.Equal(1, PageOf(doc, "b3"));
        Assert.Equal(2, PageOf(doc, "b4"));
        Assert.Equal(2, PageOf(doc, "b5"));
    }

    [Fact]
    public void Space_before_a_block_is_dropped_at_the_top_of_a_page()
    {
        var doc = DocumentLayout.Layout(
            Page(new Column(LinesOf("a", 10, minLines: 1), new Paragraph("next", Plain) { SpaceBefore = 30 })), Measurer);

        var next = doc.Pages[1].Commands.OfType<TextCommand>().Single();
        Assert.Equal(8, next.Baseline, 3); // at the very top: ascent 8 of a 10 pt line
    }

    [Fact]
    public void Footer_says_page_n_of_m_with_the_final_page_count()
    {
        var spec = Page(LinesOf("a", 25, minLines: 1), lines: 12);
        spec.Footer = page => new Paragraph($"Page {page.PageNumber} of {page.PageCount}", Plain);
        var doc = DocumentLayout.Layout(spec, Measurer);

        // The body is 12 lines less the footer (1 line) and its gap (10 pt): 10 lines a page.
        Assert.Equal(3, doc.PageCount);
        for (var i = 0; i < doc.PageCount; i++)
            Assert.Contains($"Page {i + 1} of 3", doc.Pages[i].Texts);
        Assert.All(doc.Pages, p => Assert.Null(p.Commands.OfType<TextCommand>().Single(t => t.Text.StartsWith("Page ", StringComparison.Ordinal)).Tag));
    }

    [Fact]
    public void A_table_repeats_its_header_row_on_each_page_and_never_splits_a_row()
    {
        var table = new Table { CellPaddingX = 0, CellPaddingY = 0 };
        table.Columns.AddRange([ColumnWidth.Relative(), ColumnWidth.Fixed(50)]);
        table.HeaderRows.Add(new TableRow(new TableCell(new Paragraph("Exercise", Plain)), new TableCell(new Paragraph("Mon", Plain))));
        for (var i = 1; i <= 25; i++)
        {
            table.Rows.Add(new TableRow(
                new TableCell(new Paragraph(i == 5 ? "row5 has two lines of text here" : $"row{i}", Plain)),
                new TableCell(new TickBoxes(1))));
        }

        var doc = DocumentLayout.Layout(Page(table), Measurer);

        Assert.True(doc.PageCount >= 3);
        foreach (var page in doc.Pages)
            Assert.Equal("Exercise", page.Commands.OfType<TextCommand>().First().Text);
        // Only the first header is content; repeats are decoration for screen readers.
        Assert.NotNull(doc.Pages[0].Commands.OfType<TextCommand>().First().Tag);
        Assert.Null(doc.Pages[1].Commands.OfType<TextCommand>().First().Tag);
        // A two-line row stays on one page.
        var row5 = doc.Pages.Where(p => p.Texts.Any(t => t.StartsWith("row5", StringComparison.Ordinal) || t == "two lines of" || t.Contains("text here", StringComparison.Ordinal))).ToList();
        Assert.Single(row5);
    }

    [Fact]
    public void A_strip_taller_than_a_page_is_placed_alone_and_layout_ends()
    {
        var tall = new Paragraph(string.Join(' ', Enumerable.Repeat("word", 200)), Plain) { KeepLinesTogether = true };
        var doc = DocumentLayout.Layout(Page(new Column(tall, new Paragraph("after", Plain))), Measurer);

        Assert.Contains("after", doc.Pages[^1].Texts);
        Assert.Equal(200, doc.Pages.Sum(p => p.Texts.Sum(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w == "word"))));
    }

    [Fact]
    public void Items_carry_their_structure_roles_and_decoration_has_none()
    {
        var content = new Column(
            new Heading("Title", Plain, level: 1),
            new Paragraph("Body", Plain),
            new ListBlock { BodyStyle = Plain }.Item("step"),
            new Rule())
        { Role = StructureRole.Section };
        var commands = DocumentLayout.Layout(Page(content), Measurer).Pages[0].Commands;

        var texts = commands.OfType<TextCommand>().ToDictionary(t => t.Text, t => t.Tag!);
        Assert.Equal(StructureRole.Heading1, texts["Title"].Role);
        Assert.Equal(StructureRole.Section, texts["Title"].Parent!.Role);
        Assert.Equal(StructureRole.Paragraph, texts["Body"].Role);
        Assert.Equal(StructureRole.ListLabel, texts["1."].Role);
        Assert.Equal(StructureRole.ListBody, texts["step"].Role);
        Assert.Equal([StructureRole.Section, StructureRole.List, StructureRole.ListItem, StructureRole.ListBody],
            texts["step"].Path().Select(n => n.Role));
        Assert.Null(commands.OfType<LineCommand>().Single().Tag);
    }

    [Fact]
    public void Numbered_steps_hang_wrapped_lines_under_the_text_not_the_number()
    {
        var list = new ListBlock { BodyStyle = Plain, LabelGap = 5 }.Item("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii");
        var texts = DocumentLayout.Layout(Page(list), Measurer).Pages[0].Commands.OfType<TextCommand>().ToList();

        var indent = 10 + 5; // "1." is 2 characters, then the gap
        Assert.Equal("1.", texts[0].Text);
        Assert.All(texts.Skip(1), t => Assert.Equal(indent, t.X));
        Assert.True(texts.Count >= 3);
    }

    [Fact]
    public void A_qr_code_is_drawn_as_vector_squares_with_alternative_text()
    {
        var qr = new QrCodeBlock("https://physio.example/l/7Hk2Qp", 60, "QR code to your log");
        var command = DocumentLayout.Layout(Page(qr, lines: 20), Measurer).Pages[0].Commands.OfType<FilledRectsCommand>().Single();

        Assert.NotEmpty(command.Rects);
        Assert.Equal(StructureRole.Figure, command.Tag!.Role);
        Assert.Equal("QR code to your log", command.Tag.AltText);
        Assert.True(command.Rects.Max(r => r.X + r.Width) <= 60.001);
    }
}
