using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Handouts;

/// <summary>The two download addresses through the real pipeline: who may get which handout, and how it is sent.</summary>
[Collection(PortalCollection.Name)]
public class HandoutDownloadTests(PortalFactory factory)
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    private static string ClinicUrl(Guid prescriptionId, string query = "") => $"/clinic/prescriptions/{prescriptionId}/handout.pdf{query}";

    private async Task<(Guid ClinicId, Patient Patient, Prescription Prescription)> PatientWithRoutineAsync(string lastName = "Müller-Łukasiewicz")
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = "José";
            p.LastName = lastName;
        });
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today, templateSlug: "core");
        return (clinic.Id, patient, rx);
    }

    [Fact]
    public async Task A_clinician_of_the_clinic_gets_the_pdf_uncached_with_a_file_name_and_an_audit_event()
    {
        var (clinicId, patient, rx) = await PatientWithRoutineAsync();
        var (clinician, user) = await factory.SignedInAsync(clinicId, Roles.Clinician);

        var response = await clinician.GetAsync(ClinicUrl(rx.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        var date = LocalDates.PatientToday("Europe/London", rx.CreatedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"exercise-routine-muller-lukasiewicz-{date}.pdf", disposition.FileName);
        Assert.Equal($"exercise-routine-müller-łukasiewicz-{date}.pdf", disposition.FileNameStar);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.Private);

        var pdf = HandoutPdf.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Patient: José Müller-Łukasiewicz", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("Core strengthening for back pain", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("localhost/me/log", pdf.Pages[0], StringComparison.Ordinal);

        await using var s = factory.SystemDb();
        var audit = await s.Db.AuditEvents.SingleAsync(a => a.PatientId == patient.Id && a.Action == "handout.download");
        Assert.Equal(clinicId, audit.ClinicId);
        Assert.Equal(user.Id, audit.UserId);
        Assert.Equal(Roles.Clinician, audit.ActorRole); // the role, never a name
        Assert.Equal($"prescription {rx.Id} v1", audit.Detail);
    }

    [Fact]
    public async Task Download_asks_the_browser_to_save_and_each_download_is_audited()
    {
        var (clinicId, patient, rx) = await PatientWithRoutineAsync("Clarke");
        var (clinician, _) = await factory.SignedInAsync(clinicId, Roles.Clinician);

        var saved = await clinician.GetAsync(ClinicUrl(rx.Id, "?download=true"));
        var again = await clinician.GetAsync(ClinicUrl(rx.Id));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("attachment", saved.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("exercise-routine-clarke-", saved.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var s = factory.SystemDb();
        Assert.Equal(2, await s.Db.AuditEvents.CountAsync(a => a.PatientId == patient.Id && a.Action == "handout.download"));
    }

    [Fact]
    public async Task The_current_version_by_default_an_earlier_one_on_request_and_404_for_one_that_does_not_exist()
    {
        var (clinicId, patient, rx) = await PatientWithRoutineAsync();
        await using (var s = factory.SystemDb())
        {
            var v1 = await s.Db.PrescriptionVersions.AsNoTracking().Include(v => v.Exercises).SingleAsync(v => v.PrescriptionId == rx.Id);
            var ids = v1.Exercises.Select(e => e.ExerciseId).ToList();
            var library = await s.Db.Exercises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
            s.Db.PrescriptionVersions.Add(new PrescriptionVersion
            {
                Id = Guid.NewGuid(),
                PrescriptionId = rx.Id,
                Number = 2,
                CreatedAt = DateTimeOffset.UtcNow,
                AuthorUserId = "",
                AuthorName = "Second Clinician",
                Title = "Core routine, harder",
                Days = v1.Days,
                StartDate = v1.StartDate,
                Weeks = v1.Weeks,
                ReminderTime = v1.ReminderTime,
                ChangeSummary = "harder",
                Exercises = v1.Exercises.Select(e => PrescribedExercise.Snapshot(library[e.ExerciseId], e.Position, e.Dosage with { Sets = e.Dosage.Sets + 1 }, e.Note)).ToList(),
            });
            await s.Db.Prescriptions.Where(p => p.Id == rx.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CurrentVersionNumber, 2));
            await s.Db.SaveChangesAsync();
        }

        var (clinician, _) = await factory.SignedInAsync(clinicId, Roles.Clinician);

        var current = HandoutPdf.Read(await (await clinician.GetAsync(ClinicUrl(rx.Id))).Content.ReadAsByteArrayAsync());
        var first = HandoutPdf.Read(await (await clinician.GetAsync(ClinicUrl(rx.Id, "?version=1"))).Content.ReadAsByteArrayAsync());
        Assert.Contains("Core routine, harder", current.Pages[0], StringComparison.Ordinal);
        Assert.Contains("Clinician: Second Clinician", current.Pages[0], StringComparison.Ordinal);
        Assert.Contains("Core strengthening for back pain", first.Pages[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(ClinicUrl(rx.Id, "?version=3"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(ClinicUrl(rx.Id, "?version=0"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(ClinicUrl(Guid.NewGuid()))).StatusCode);

        await using var check = factory.SystemDb();
        var details = await check.Db.AuditEvents.Where(a => a.PatientId == patient.Id && a.Action == "handout.download")
            .Select(a => a.Detail).ToListAsync();
        Assert.Equal([$"prescription {rx.Id} v1", $"prescription {rx.Id} v2"], details.Order());
    }

    [Fact]
    public async Task A_clinician_or_admin_of_another_clinic_gets_404_and_nothing_is_audited()
    {
        var (_, patient, rx) = await PatientWithRoutineAsync();
        var other = await factory.ClinicAsync();

        foreach (var role in new[] { Roles.Clinician, Roles.Admin })
        {
            var (stranger, _) = await factory.SignedInAsync(other.Id, role);
            var response = await stranger.GetAsync(ClinicUrl(rx.Id));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        await using var s = factory.SystemDb();
        Assert.False(await s.Db.AuditEvents.AnyAsync(a => a.PatientId == patient.Id && a.Action == "handout.download"));
    }

    [Fact]
    public async Task An_admin_of_the_clinic_gets_the_pdf()
    {
        var (clinicId, _, rx) = await PatientWithRoutineAsync();
        var (admin, _) = await factory.SignedInAsync(clinicId, Roles.Admin);

        var response = await admin.GetAsync(ClinicUrl(rx.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_patient_gets_only_their_own_handout()
    {
        var (clinicId, a, _) = await PatientWithRoutineAsync("Andersen");
        var b = await factory.PatientAsync(clinicId, p =>
        {
            p.FirstName = "Bea";
            p.LastName = "Brennan" + TestData.Unique();
        });
        var rxB = await factory.PrescriptionAsync(clinicId, b.Id, Today, templateSlug: "posture");
        var (clientA, userA) = await factory.SignedInAsync(clinicId, Roles.Patient, a.Id);

        foreach (var url in new[] { "/me/handout.pdf", $"/me/handout.pdf?patientId={b.Id}", $"/me/handout.pdf?id={rxB.Id}" })
        {
            var response = await clientA.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.StartsWith("exercise-routine-andersen-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
            var pdf = HandoutPdf.Read(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("Patient: José Andersen", pdf.Pages[0], StringComparison.Ordinal);
            Assert.DoesNotContain(b.LastName, pdf.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Posture routine", pdf.AllText, StringComparison.Ordinal);
        }

        // B's handout through the clinic's address: not a clinician, so access denied (not even a 404 that says it exists).
        var denied = await clientA.GetAsync(ClinicUrl(rxB.Id));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("accessdenied", denied.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        await using var s = factory.SystemDb();
        var audits = await s.Db.AuditEvents.Where(e => e.UserId == userA.Id && e.Action == "handout.download").ToListAsync();
        Assert.Equal(3, audits.Count);
        Assert.All(audits, e => Assert.Equal(a.Id, e.PatientId));
        Assert.False(await s.Db.AuditEvents.AnyAsync(e => e.PatientId == b.Id && e.Action == "handout.download"));
    }

    [Fact]
    public async Task A_patient_without_a_routine_gets_a_friendly_404_page()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);

        var (response, page) = await client.GetPageAsync("/me/handout.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No handout to print yet", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/me']"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (_, _, rx) = await PatientWithRoutineAsync();
        var anonymous = factory.Client();

        foreach (var url in new[] { ClinicUrl(rx.Id), "/me/handout.pdf" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_version_page_has_a_print_button_that_opens_the_pdf_in_a_new_tab()
    {
        var (clinicId, _, rx) = await PatientWithRoutineAsync();
        var (clinician, _) = await factory.SignedInAsync(clinicId, Roles.Clinician);

        var (response, page) = await clinician.GetPageAsync($"/clinic/prescriptions/{rx.Id}/versions/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var print = page.QuerySelector($"a[href='{ClinicUrl(rx.Id, "?version=1")}']");
        Assert.NotNull(print);
        Assert.Contains("Print handout", print.TextContent, StringComparison.Ordinal);
        Assert.Equal("_blank", print.GetAttribute("target"));
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync(print.GetAttribute("href")!)).StatusCode);
    }
}
