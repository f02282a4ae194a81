using PhysioPortal.Core;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Illustrations;

/// <summary>
/// The pictures on every page that shows an exercise, found as a user's browser gets them: inline SVG with a text
/// alternative that names the exercise and says what the two frames show; a placeholder for a clinic's own exercise.
/// </summary>
[Collection(PortalCollection.Name)]
public class PicturePagesTests(PortalFactory factory)
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    /// <summary>The names the pictures under <paramref name="selector"/> say they show (their aria-labels, up to ':').</summary>
    private static List<string> PictureNames(AngleSharp.Html.Dom.IHtmlDocument doc, string selector) =>
        doc.QuerySelectorAll($"{selector} .exercise-picture svg[role=img]")
            .Select(svg => svg.GetAttribute("aria-label") ?? "")
            .Select(label => label.Contains(':', StringComparison.Ordinal) ? label[..label.IndexOf(':', StringComparison.Ordinal)] : "")
            .ToList();

    [Fact]
    public async Task The_library_shows_a_thumbnail_per_exercise_and_a_placeholder_for_a_clinic_s_own()
    {
        var clinic = await factory.ClinicAsync();
        await using (var s = factory.SystemDb())
        {
            s.Db.Exercises.Add(new Exercise
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, Slug = "towel-squeeze-" + TestData.Unique(), Name = "Towel Squeeze",
                Targets = "The inner thighs.", Steps = ["Sit with a rolled towel between the knees.", "Squeeze and hold."],
            });
            await s.Db.SaveChangesAsync();
        }

        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, doc) = await client.GetPageAsync("/clinic/library");
        var rows = doc.QuerySelectorAll(".exercise-list > .list-group-item");
        Assert.Equal(40, rows.Length);
        foreach (var row in rows)
        {
            var name = row.QuerySelector(".exercise-name")!.TextContent.Trim();
            var picture = row.QuerySelector(".exercise-picture")!;
            if (name == "Towel Squeeze")
            {
                // No pose: the neutral placeholder, never a broken image.
                Assert.Contains("exercise-picture-none", picture.ClassName, StringComparison.Ordinal);
                Assert.Equal("Towel Squeeze: no picture for this exercise", picture.GetAttribute("aria-label"));
                Assert.Null(row.QuerySelector("img"));
                continue;
            }

            var label = picture.QuerySelector("svg[role=img]")!.GetAttribute("aria-label")!;
            Assert.StartsWith(name + ": ", label, StringComparison.Ordinal);
            Assert.Contains("; then ", label, StringComparison.Ordinal);
        }

        // Inline, so one request draws them all: no picture is fetched on its own.
        Assert.Empty(doc.QuerySelectorAll(".exercise-list img, .exercise-list object, .exercise-list iframe"));
    }

    [Fact]
    public async Task An_exercise_page_shows_both_frames_large_and_in_motion()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, doc) = await client.GetPageAsync("/clinic/library/side-lying-leg-lifts");
        var pair = doc.QuerySelector(".exercise-picture-large svg[role=img]")!;
        Assert.Equal(
            "Side-Lying Leg Lifts: lying on one side, legs straight and stacked, head resting on the lower arm, a pillow under the belly; then the top leg lifted slowly, kept straight and in line with the body.",
            pair.GetAttribute("aria-label"));
        Assert.NotNull(pair.QuerySelector("g.f1"));
        Assert.NotNull(pair.QuerySelector("g.f2"));
        var moving = doc.QuerySelector(".exercise-motion svg.pose-anim[role=img]")!;
        Assert.StartsWith("Side-Lying Leg Lifts: ", moving.GetAttribute("aria-label"), StringComparison.Ordinal);
        // No inline style or script that the CSP would block.
        Assert.Empty(doc.QuerySelectorAll(".exercise-pictures [style], .exercise-pictures script, .exercise-pictures style"));
    }

    [Fact]
    public async Task The_builder_the_version_page_and_the_patient_s_pages_show_each_exercise_s_picture()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-3), templateSlug: "sciatica");
        List<string> prescribed;
        await using (var s = factory.SystemDb())
        {
            prescribed = await s.Db.PrescriptionVersions.Where(v => v.PrescriptionId == rx.Id)
                .SelectMany(v => v.Exercises).OrderBy(e => e.Position).Select(e => e.Name).ToListAsync();
        }

        Assert.NotEmpty(prescribed);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, builder) = await clinician.GetPageAsync($"/clinic/patients/{patient.Id}/prescribe");
        Assert.Equal(prescribed, PictureNames(builder, ".builder-item"));
        var (_, version) = await clinician.GetPageAsync($"/clinic/prescriptions/{rx.Id}/versions/1");
        Assert.Equal(prescribed, PictureNames(version, "main"));

        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var (_, home) = await me.GetPageAsync("/me");
        Assert.Equal(prescribed, PictureNames(home, ".patient-exercise"));
        var (_, log) = await me.GetPageAsync("/me/log");
        Assert.Equal(prescribed, PictureNames(log, "main form"));
    }
}
