using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Safety;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Handouts;

/// <summary>
/// The handout of every built-in template, made the way the portal makes it (a prescription in PostgreSQL, read by
/// <see cref="HandoutFactory"/>, rendered by <see cref="HandoutDocument"/>) and read back with PdfPig.
/// </summary>
[Collection(PortalCollection.Name)]
public class HandoutTemplateTests(PortalFactory factory)
{
    private const string PatientFirstName = "José";
    private const string PatientLastName = "Müller-Łukasiewicz";
    private const string PatientName = PatientFirstName + " " + PatientLastName;

    private static readonly HandoutDocument Document = new();

    public static TheoryData<string> TemplateSlugs => new(ExerciseLibrary.Templates.Select(t => t.Slug));

    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    /// <summary>What one exercise block must show, taken from the library seed (not from the code under test).</summary>
    private sealed record Expected(string Name, string Dosage, IReadOnlyList<string> Steps, IReadOnlyList<string> Cautions, string? Note);

    [Theory]
    [MemberData(nameof(TemplateSlugs))]
    public async Task Each_template_prints_every_exercise_and_step_in_order_without_splitting_a_block(string slug)
    {
        var template = ExerciseLibrary.Templates.Single(t => t.Slug == slug);
        var letter = ExerciseLibrary.Templates.ToList().IndexOf(template) % 2 == 1;
        var pregnant = template.Condition == ExerciseGroup.Pregnancy;
        var clinic = await ClinicAsync(letter ? PaperSize.Letter : PaperSize.A4);
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = PatientFirstName;
            p.LastName = PatientLastName;
            p.Conditions = template.Condition.ToCondition();
        });
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today, template.Days, template.Weeks, slug,
            sessionsPerDay: template.SessionsPerDay);

        var handout = await PrepareAsync(rx.Id);
        var pdf = HandoutPdf.Read(Document.Render(handout.Model));

        var expected = template.Items.Select(item =>
        {
            var seed = ExerciseLibrary.BySlug(item.ExerciseSlug);
            return new Expected(seed.Name, (item.Dosage ?? seed.Dosage).ToString(), seed.Steps,
                HandoutCautions.For(seed.Cautions, pregnant), Note: null);
        }).ToList();
        AssertHandout(pdf, expected, pregnant, letter ? PaperSize.Letter : PaperSize.A4, handout.Model);
        Assert.Contains(HandoutPdf.Squeeze(template.Name), pdf.Squeezed[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eight_exercise_prescription_fills_three_pages_or_more_and_keeps_every_block_whole()
    {
        string[] slugs = ["childs-pose", "cat-camel-stretch", "bird-dog", "dead-bug", "plank", "side-plank", "wall-angels", "pigeon-pose"];
        var notes = new Dictionary<string, string>
        {
            ["bird-dog"] = "Start with the arms only for the first week, then add the legs.",
            ["wall-angels"] = "Stop halfway up if your shoulders pinch.",
        };
        var clinic = await ClinicAsync(PaperSize.A4);
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = PatientFirstName;
            p.LastName = PatientLastName;
            p.Conditions = ConditionSet.LowerBack | ConditionSet.Core;
        });
        var rxId = await PrescriptionOfAsync(clinic.Id, patient.Id, slugs, notes);

        var handout = await PrepareAsync(rxId);
        var pdf = HandoutPdf.Read(Document.Render(handout.Model));

        Assert.True(pdf.PageCount >= 3, $"{pdf.PageCount} pages");
        var expected = slugs.Select(slug =>
        {
            var seed = ExerciseLibrary.BySlug(slug);
            return new Expected(seed.Name, seed.Dosage.ToString(), seed.Steps, HandoutCautions.For(seed.Cautions, false),
                notes.GetValueOrDefault(slug));
        }).ToList();
        AssertHandout(pdf, expected, pregnant: false, PaperSize.A4, handout.Model);
    }

    /// <summary>The checks every handout must pass.</summary>
    private static void AssertHandout(HandoutPdf pdf, IReadOnlyList<Expected> exercises, bool pregnant, PaperSize paper, HandoutModel model)
    {
        // Page N of M on every page, M being the real page count; the paper size the clinic chose.
        Assert.All(Enumerable.Range(1, pdf.PageCount), n =>
            Assert.Contains(HandoutPdf.Squeeze($"Page {n} of {pdf.PageCount}"), pdf.Squeezed[n - 1], StringComparison.Ordinal));
        var (width, height) = paper == PaperSize.Letter ? (612.0, 792.0) : (595.28, 841.89);
        Assert.All(pdf.PageSizes, size =>
        {
            Assert.Equal(width, size.Width, 0);
            Assert.Equal(height, size.Height, 0);
        });

        // The patient's name exactly as given, accents and all: in the letterhead and in every later page's header.
        Assert.Contains($"Patient: {PatientName}", pdf.Pages[0], StringComparison.Ordinal);
        Assert.All(pdf.Pages.Skip(1), page => Assert.Contains(PatientName, page, StringComparison.Ordinal));

        // The warning signs, before the first exercise.
        var position = (Page: 0, Offset: 0);
        (_, position) = pdf.Find(StopSigns.Title, position, "The stop-if box");
        foreach (var sign in StopSigns.For(pregnant))
            (_, position) = pdf.Find(sign, position, "The warning sign");
        if (!pregnant)
            Assert.All(StopSigns.InPregnancy, sign => Assert.DoesNotContain(HandoutPdf.Squeeze(sign), pdf.Squeezed.Aggregate(string.Concat), StringComparison.Ordinal));

        // Every exercise, in order, each with all its parts on the page its heading is on.
        for (var i = 0; i < exercises.Count; i++)
        {
            var e = exercises[i];
            var (page, next) = pdf.Find($"{i + 1}. {e.Name}", position, $"Exercise {i + 1}'s heading");
            position = next;
            var parts = new List<(string Text, string What)> { (char.ToUpperInvariant(e.Dosage[0]) + e.Dosage[1..], "The dosage of " + e.Name) };
            parts.AddRange(e.Steps.Select((s, k) => (s, $"Step {k + 1} of {e.Name}")));
            parts.AddRange(e.Cautions.Select(c => (c, "A caution of " + e.Name)));
            if (e.Note is not null)
                parts.Add((e.Note, "The clinician's note on " + e.Name));
            foreach (var (text, what) in parts)
            {
                int partPage;
                (partPage, position) = pdf.Find(text, position, what);
                Assert.True(partPage == page, $"{what} is on page {partPage + 1}, but the exercise starts on page {page + 1}: the block was split.");
            }
        }

        // The routine's first and last day under the title; then the tick sheet with a row for each of its weeks.
        var (start, end) = (model.StartDate!.Value, model.EndDate!.Value);
        var weeks = (end.DayNumber - start.DayNumber) / 7 + 1;
        Assert.Contains(HandoutPdf.Squeeze($"From {start:d MMMM yyyy} to {end:d MMMM yyyy} ({weeks} weeks)"), pdf.Squeezed[0], StringComparison.Ordinal);
        (_, position) = pdf.Find($"Your {weeks} weeks: tick each session", position, "The tick sheet");
        for (var w = 0; w < weeks; w++)
            (_, position) = pdf.Find($"Week {w + 1} · {start.AddDays(7 * w):d MMM}", position, $"Tick sheet row for week {w + 1}");

        // The short URL of the log page under the QR code; nothing personal in it.
        Assert.Contains("localhost/me/log", pdf.Pages[0], StringComparison.Ordinal);
    }

    private async Task<Clinic> ClinicAsync(PaperSize paper)
    {
        var clinic = await factory.ClinicAsync("Riverside Physiotherapy & Spine Clinic " + TestData.Unique());
        await using var s = factory.SystemDb();
        await s.Db.Clinics.Where(c => c.Id == clinic.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.PaperSize, paper)
            .SetProperty(c => c.Phone, "+353 1 555 0142")
            .SetProperty(c => c.Address, "12 Harbour Road, Dublin"));
        return clinic;
    }

    private async Task<PreparedHandout> PrepareAsync(Guid prescriptionId)
    {
        await using var s = factory.SystemDb();
        var handout = await new HandoutFactory(s.Db).ForPrescriptionAsync(prescriptionId, null, "http://localhost");
        Assert.NotNull(handout);
        return handout;
    }

    /// <summary>An active prescription of library exercises with their default dosages, saved straight into the database.</summary>
    private async Task<Guid> PrescriptionOfAsync(Guid clinicId, Guid patientId, IReadOnlyList<string> slugs, IReadOnlyDictionary<string, string> notes)
    {
        await using var s = factory.SystemDb();
        var exercises = await s.Db.Exercises.Where(e => e.ClinicId == null && slugs.Contains(e.Slug)).ToDictionaryAsync(e => e.Slug);
        var (prescription, _) = PrescriptionFromTemplate.FromExercises("Back strength and mobility",
            slugs.Select(slug => (exercises[slug], exercises[slug].DefaultDosage, notes.GetValueOrDefault(slug))),
            clinicId, patientId, "", "Aoife Ní Bhriain", Today, new TimeOnly(8, 0), DateTimeOffset.UtcNow,
            DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, weeks: 6,
            noteToPatient: "Move slowly, breathe steadily and never push into sharp pain.");
        s.Db.Prescriptions.Add(prescription);
        await s.Db.SaveChangesAsync();
        return prescription.Id;
    }
}
