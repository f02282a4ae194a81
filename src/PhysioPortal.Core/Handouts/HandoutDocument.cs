using System.Globalization;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Core.Safety;
using static PhysioPortal.Core.Handouts.HandoutTypography;

namespace PhysioPortal.Core.Handouts;

/// <summary>
/// The printed home-exercise handout of one prescription version: a description of the page
/// (docs/decisions/0001-pdfsharp-with-our-own-composition-layer.md), turned into a tagged PDF by <see cref="PdfSharpRenderer"/>. Thread-safe; register as a singleton.
/// </summary>
public sealed class HandoutDocument(PdfSharpRenderer renderer)
{
    private static readonly string[] WholeWeek = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Width of an exercise's two frames beside its steps, in points (about 7 cm).</summary>
    private const double FigureWidth = 200;

    public HandoutDocument()
        : this(new PdfSharpRenderer())
    {
    }

    public byte[] Render(HandoutModel model)
    {
        using var span = Operations.PortalTracing.HandoutRender();
        return renderer.Render(Compose(model));
    }

    public void Render(HandoutModel model, Stream output)
    {
        using var span = Operations.PortalTracing.HandoutRender();
        renderer.Render(Compose(model), output);
    }

    /// <summary>The handout as content blocks, page size and running header and footer.</summary>
    public static DocumentSpec Compose(HandoutModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validate(model);

        var content = new Column();
        content.Items.Add(Letterhead(model));
        content.Items.Add(new Rule { Thickness = 2, Color = Teal, SpaceBefore = 10 });
        content.Items.Add(new Heading(model.RoutineTitle, Title, level: 1) { SpaceBefore = 14 });
        content.Items.Add(ScheduleLine(model));
        if (!string.IsNullOrWhiteSpace(model.NoteToPatient))
            content.Items.Add(new Paragraph(model.NoteToPatient.Trim(), Lead) { SpaceBefore = 8 });

        // The warning signs come before the exercises, so they are read before starting.
        content.Items.Add(StopSignsBox(model));
        for (var i = 0; i < model.Exercises.Count; i++)
            content.Items.Add(Exercise(model.Exercises[i], i));

        if (model.Exercises.Count > 0)
            content.Items.Add(TickChart(model));

        return new DocumentSpec(content)
        {
            PageSize = PageSizeFor(model.PaperSize),
            Margins = PageMargins,
            Header = page => page.PageNumber == 1 ? null : RunningHeader(model),
            Footer = page => RunningFooter(model, page),
            Title = $"{model.RoutineTitle} – exercise handout",
            Author = model.ClinicName,
            Subject = "Home exercise programme",
            Language = "en",
        };
    }

    private static void Validate(HandoutModel model)
    {
        if (model.SessionsPerDay < 1)
            throw new ArgumentException("Sessions per day must be at least 1.", nameof(model));
        if (model.LogUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            throw new ArgumentException("The log URL must be an absolute http(s) URL.", nameof(model));
    }

    /// <summary>Clinic and patient details at the left, the QR code to the log page at the right.</summary>
    private static Block Letterhead(HandoutModel model)
    {
        var left = new Column { Spacing = 1 };
        left.Items.Add(new Paragraph(model.ClinicName, ClinicName));
        var contact = model.ClinicContact.AddressLines
            .Append(model.ClinicContact.Phone)
            .Append(model.ClinicContact.Email)
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim());
        var contactLine = string.Join(" · ", contact);
        if (contactLine.Length > 0)
            left.Items.Add(new Paragraph(contactLine, Small));
        left.Items.Add(Labelled("Patient: ", model.PatientName, spaceBefore: 10));
        left.Items.Add(Labelled("Date: ", model.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)));
        left.Items.Add(Labelled("Clinician: ", model.ClinicianName));

        var row = new Row { Spacing = 14 }.Relative(left);
        if (model.LogUrl is { } url)
        {
            var qr = new Column { Spacing = 2 };
            qr.Items.Add(new QrCodeBlock(url, QrCodeSize, $"QR code that opens your exercise log at {url}")
            {
                Align = TextAlign.Center,
                Color = Ink,
                QuietZoneModules = 2,
            });
            qr.Items.Add(new Paragraph("Scan to log your exercises", QrCaption) { Align = TextAlign.Center });
            qr.Items.Add(new Paragraph { Style = QrCaption, Align = TextAlign.Center }
                .Span(ShortUrl(url), QrCaption.WithColor(Teal), url));
            row.Fixed(qr, QrColumnWidth);
        }

        return row;
    }

    private static Paragraph Labelled(string label, string value, double spaceBefore = 0) =>
        new Paragraph { Style = Body, SpaceBefore = spaceBefore }.Span(label, BodyBold).Span(value, Body);

    private static Paragraph ScheduleLine(HandoutModel model)
    {
        var days = model.ScheduleDays.Count == 0 || model.ScheduleDays.Count == 7 ? "Every day" : string.Join(", ", model.ScheduleDays);
        var sessions = Adherence.PatientSchedule.SessionsText(model.SessionsPerDay);
        var line = new Paragraph { Style = Meta, SpaceBefore = 4 }.Span("When: ", MetaLabel).Span($"{days} · {sessions}", Meta);
        if (Weeks(model) is { } weeks)
        {
            line.Span(" · ", Meta).Span("From ", MetaLabel)
                .Span($"{LongDate(model.StartDate!.Value)} to {LongDate(model.EndDate!.Value)} ({weeks} {(weeks == 1 ? "week" : "weeks")})", Meta);
        }
        return line;
    }

    /// <summary>The routine's length in weeks (started weeks count), or null when its dates are not known.</summary>
    private static int? Weeks(HandoutModel model) =>
        model.StartDate is { } start && model.EndDate is { } end && end >= start ? (end.DayNumber - start.DayNumber) / 7 + 1 : null;

    private static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>One exercise: a section that is never split across pages.</summary>
    /// <summary>Width of one exercise photo on paper (points): four fit across A4 and Letter.</summary>
    private const double PhotoWidth = 110;

    private static Block Exercise(HandoutExercise exercise, int index)
    {
        var number = exercise.Number > 0 ? exercise.Number : index + 1;
        var block = new Column
        {
            KeepTogether = true,
            Role = StructureRole.Section,
            Spacing = SpaceInsideExercise,
            SpaceBefore = SpaceBetweenExercises,
        };
        block.Items.Add(new Heading($"{number}. {exercise.Name}", ExerciseHeading, level: 2));
        if (exercise.Photos.Count > 0)
        {
            var photos = new Row { Spacing = 8 };
            for (var p = 0; p < exercise.Photos.Count; p++)
            {
                var photo = exercise.Photos[p];
                var height = PhotoWidth * photo.Height / Math.Max(1, photo.Width);
                photos.Fixed(new ImageBlock(photo.Jpeg, PhotoWidth, Math.Min(height, PhotoWidth * 1.4), $"Photo {p + 1} of {exercise.Name}"), PhotoWidth);
            }
            block.Items.Add(photos);
        }

        var meta = new Paragraph { Style = Meta };
        if (!string.IsNullOrWhiteSpace(exercise.StartingPosition))
            meta.Span("Position: ", MetaLabel).Span(exercise.StartingPosition, Meta);
        if (!string.IsNullOrWhiteSpace(exercise.Equipment))
        {
            if (meta.Runs.Count > 0)
                meta.Span("   ·   ", Meta);
            meta.Span("Equipment: ", MetaLabel).Span(exercise.Equipment, Meta);
        }

        if (meta.Runs.Count > 0)
            block.Items.Add(meta);
        if (!string.IsNullOrWhiteSpace(exercise.DosageLine))
            block.Items.Add(new Paragraph(Capitalised(exercise.DosageLine.Trim()), Dosage));

        var figure = HandoutFigures.For(exercise.Slug, exercise.Name, FigureWidth);
        if (exercise.Steps.Count > 0)
        {
            var steps = new ListBlock { BodyStyle = Body, LabelStyle = StepNumber, ItemSpacing = 3, SpaceBefore = 2 };
            foreach (var step in exercise.Steps)
                steps.Item(step);
            // The two frames beside the steps, inside the block that is never split.
            block.Items.Add(figure is null ? steps : new Row { Spacing = 14 }.Relative(steps).Fixed(figure, FigureWidth));
        }
        else if (figure is not null)
        {
            block.Items.Add(figure);
        }

        if (exercise.Cautions.Count > 0)
        {
            var cautions = new Callout("Take care", CautionBox) { SpaceBefore = 3 };
            cautions.Bullets.AddRange(exercise.Cautions);
            block.Items.Add(cautions);
        }

        if (!string.IsNullOrWhiteSpace(exercise.ClinicianNote))
        {
            var note = new Paragraph { Style = Body }
                .Span("From your clinician: ", BodyBold.WithColor(Teal))
                .Span(exercise.ClinicianNote.Trim(), Body);
            block.Items.Add(new Box(note) { Background = NoteFill, AccentColor = Teal, PaddingY = 6 });
        }

        return block;
    }

    /// <summary>
    /// The tick sheet for the whole routine: a row per week (with the date its week starts), a column per scheduled
    /// day, a box per session. Kept whole when it fits on a page; a longer routine continues on the next page row by
    /// row (rows are never cut, the day names repeat at the top of each page).
    /// </summary>
    private static Block TickChart(HandoutModel model)
    {
        var days = model.ScheduleDays.Count > 0 ? model.ScheduleDays : WholeWeek;
        var weeks = Weeks(model) ?? 1;
        var chart = new Column { Spacing = 6, SpaceBefore = 24, KeepTogether = weeks <= 12 };
        chart.Items.Add(new Heading(weeks == 1 ? "Your week: tick each session" : $"Your {weeks} weeks: tick each session", SectionHeading, level: 2)
        {
            KeepWithNext = true,
        });
        var sessions = model.SessionsPerDay == 1 ? "each time you finish your exercises" : $"for each session ({model.SessionsPerDay} a day)";
        chart.Items.Add(new Paragraph($"Tick a box {sessions}. Bring this sheet to your next appointment.", Meta) { KeepWithNext = true });

        var table = new Table { HeaderBackground = TableHeaderFill, BorderColor = TableBorder, CellPaddingY = 5 };
        table.Columns.Add(ColumnWidth.Relative(Math.Max(2.5, days.Count * 0.45)));
        table.Columns.AddRange(days.Select(_ => ColumnWidth.Relative(1)));
        var header = new TableRow(new TableCell(new Paragraph("Week", TableHeader)));
        header.Cells.AddRange(days.Select(d => new TableCell(new Paragraph(d, TableHeader) { Align = TextAlign.Center })));
        table.HeaderRows.Add(header);
        for (var week = 0; week < weeks; week++)
        {
            var label = model.StartDate is { } start
                ? $"Week {week + 1} · {start.AddDays(week * 7).ToString("d MMM", CultureInfo.InvariantCulture)}"
                : "This week";
            var row = new TableRow(new TableCell(new Paragraph(label, TableText)));
            row.Cells.AddRange(days.Select(_ => new TableCell(new TickBoxes(model.SessionsPerDay) { BoxSize = 10, Gap = 4 })));
            table.Rows.Add(row);
        }

        chart.Items.Add(table);
        return chart;
    }

    private static Block StopSignsBox(HandoutModel model)
    {
        var box = new Callout(StopSigns.Title, StopBox)
        {
            TitleRole = StructureRole.Heading2,
            Closing = StopSigns.Urgent,
            SpaceBefore = 14,
        };
        box.Bullets.AddRange(StopSigns.For(model.IsPregnant));
        return box;
    }

    private static Block RunningHeader(HandoutModel model)
    {
        var row = new Row()
            .Relative(new Paragraph($"{model.RoutineTitle} · {model.PatientName}", Footer))
            .Fixed(new Paragraph(model.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), Footer) { Align = TextAlign.Right }, 110);
        return new Column(row, new Rule { Color = Hairline, Thickness = 0.5, SpaceBefore = 4 });
    }

    private static Block RunningFooter(HandoutModel model, PageContext page)
    {
        var row = new Row()
            .Relative(new Paragraph($"{model.ClinicName} · not a substitute for medical advice", Footer))
            .Fixed(new Paragraph($"Page {page.PageNumber} of {page.PageCount}", FooterBold) { Align = TextAlign.Right }, 90);
        return new Column(new Rule { Color = Hairline, Thickness = 0.5 }, new Spacer(4), row);
    }

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static string ShortUrl(string url)
    {
        var shown = url;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (shown.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
                shown = shown[scheme.Length..];
        }

        return shown.TrimEnd('/');
    }
}
