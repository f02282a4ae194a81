using PhysioPortal.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Safety;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

/// <summary>The loop back to the clinician, in a real browser: alerts from what patients log, and the builder's swaps.</summary>
[Collection(BrowserCollection.Name)]
public class AlertFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    private async Task<(Guid ClinicId, PhysioPortal.Core.Identity.PortalUser Clinician, Patient Patient, PhysioPortal.Core.Identity.PortalUser PatientUser)> SetupAsync(
        Action<Patient>? configure = null, string template = "lower-back")
    {
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await browser.Portal.PatientAsync(clinic.Id, configure);
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        await browser.Portal.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10), templateSlug: template, clinicianUserId: clinician.Id);
        var user = await browser.Portal.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        return (clinic.Id, clinician, patient, user);
    }

    private static async Task LogTodayAsync(IPage page, int? before, int? after, string? difficulty, string? note)
    {
        await page.OpenAsync("/me/log");
        if (before is { } b) await page.Locator($"label[for='PainBefore-{b}']").ClickAsync();
        if (after is { } a) await page.Locator($"label[for='PainAfter-{a}']").ClickAsync();
        if (difficulty is not null) await page.GetByLabel(difficulty, new() { Exact = true }).CheckAsync();
        if (note is not null) await page.GetByLabel("A note for your clinician").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my session" }).ClickAsync();
        await page.WaitForURLAsync("**/me");
    }

    [Fact]
    public async Task Pain_up_with_too_hard_raises_alerts_the_clinician_sees_in_the_inbox()
    {
        var a11y = new Accessibility(output, "alerts-pain");
        var x = await SetupAsync();
        // Yesterday was already too hard.
        await using (var s = browser.Portal.SystemDb())
        {
            var rx = await s.Db.Prescriptions.Include(p => p.Versions).SingleAsync(p => p.PatientId == x.Patient.Id);
            s.Db.SessionLogs.Add(new SessionLog
            {
                Id = Guid.NewGuid(), ClinicId = x.ClinicId, PatientId = x.Patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = rx.Versions[0].Id,
                LocalDate = LocalDates.PatientToday(x.Patient.TimeZoneId, DateTimeOffset.UtcNow).AddDays(-1), Difficulty = Difficulty.TooHard,
                LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await s.Db.SaveChangesAsync();
        }
        await a11y.RunAsync(async () =>
        {
            var phone = a11y.Watch(await browser.NewPageAsync(390, 844));
            await phone.SignInAsync(a11y, x.PatientUser.Email!);
            await LogTodayAsync(phone, 4, 6, "Too hard", null);
            await phone.Context.CloseAsync();

            var page = a11y.Watch(await browser.NewPageAsync());
            await page.SignInAsync(a11y, x.Clinician.Email!);
            await page.OpenAsync("/clinic");
            await Assertions.Expect(page.Locator("#alert-count")).ToContainTextAsync("2");
            var alerts = page.Locator("#alerts .alert-item");
            await Assertions.Expect(alerts).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync("Pain rose from 4 to 6");
            await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync("Too hard, twice in a row");
            await a11y.CheckAsync(page, "clinic-home-alerts");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsDirectory, "alerts-home.png"), FullPage = true });

            // Open one, resolve it with a note: it leaves the inbox.
            await alerts.First.GetByRole(AriaRole.Link, new() { Name = "Open the alert and its log" }).ClickAsync();
            await page.WaitForURLAsync("**/clinic/alerts/*");
            await a11y.CheckAsync(page, "alert");
            await page.GetByLabel("Note (optional)", new() { Exact = false }).FillAsync("Phoned; dosage lowered");
            await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
            await page.WaitForURLAsync("**/clinic/alerts");
            await Assertions.Expect(page.Locator(".alert-item")).ToHaveCountAsync(1);
            await page.Context.CloseAsync();
        });
    }

    [Fact]
    public async Task A_dizzy_note_in_pregnancy_tells_the_patient_what_to_do_and_the_clinician_gets_an_email_and_a_marked_alert()
    {
        var a11y = new Accessibility(output, "alerts-dizzy");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var x = await SetupAsync(p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = today.AddDays(SafetyRules.PregnancyDays - 22 * 7);
        }, "pregnancy");
        await a11y.RunAsync(async () =>
        {
            var phone = a11y.Watch(await browser.NewPageAsync(390, 844));
            await phone.SignInAsync(a11y, x.PatientUser.Email!);
            await LogTodayAsync(phone, null, null, null, "Felt dizzy lying on my back");
            var advice = phone.Locator("#stop-advice");
            await Assertions.Expect(advice).ToContainTextAsync("contact your clinic");
            await Assertions.Expect(advice).ToContainTextAsync(PhysioPortal.Core.Alerts.PatientAdvice.Urgent);
            await a11y.CheckAsync(phone, "me-stop-advice");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsDirectory, "alerts-stop-advice-390.png"), FullPage = true });
            await phone.Context.CloseAsync();

            await using (var s = browser.Portal.SystemDb())
            {
                await PhysioPortal.Tests.Reminders.ReminderTestData.Sender(s.AllClinics, browser.Portal.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
            }
            var mail = Assert.Single(browser.Portal.MailTo(x.Clinician.Email!));
            Assert.Contains("warning sign", mail.Headers["Subject"]);

            var page = a11y.Watch(await browser.NewPageAsync());
            await page.SignInAsync(a11y, x.Clinician.Email!);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
            await page.WaitForURLAsync("**/clinic/alerts");
            await Assertions.Expect(page.Locator(".alert-item mark")).ToHaveTextAsync("dizzy");
            await a11y.CheckAsync(page, "alerts-inbox");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsDirectory, "alerts-inbox.png"), FullPage = true });
            await page.Context.CloseAsync();
        });
    }

    [Fact]
    public async Task A_new_prescription_is_just_started_and_the_pregnancy_routine_in_week_22_comes_with_the_swap_made()
    {
        var a11y = new Accessibility(output, "alerts-new");
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var patient = await browser.Portal.PatientAsync(clinic.Id, p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = today.AddDays(SafetyRules.PregnancyDays - 22 * 7);
        });
        await a11y.RunAsync(async () =>
        {
            var page = a11y.Watch(await browser.NewPageAsync());
            await page.SignInAsync(a11y, clinician.Email!);
            await page.OpenAsync($"/clinic/patients/{patient.Id}/prescribe");
            await Assertions.Expect(page.Locator(".swap-note")).ToContainTextAsync("Pregnancy Bridge Pose was swapped for");
            await Assertions.Expect(page.Locator("#warnings")).ToHaveCountAsync(0);
            await a11y.CheckAsync(page, "prescribe-swapped");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsDirectory, "prescribe-swapped.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            await page.WaitForURLAsync($"**/clinic/patients/{patient.Id}");

            await page.OpenAsync("/clinic");
            var row = page.Locator(".my-patients tr").Filter(new() { HasText = patient.LastName });
            await Assertions.Expect(row.Locator(".just-started")).ToHaveTextAsync("just started");
            await Assertions.Expect(page.Locator("table.slipping tr").Filter(new() { HasText = patient.LastName })).ToHaveCountAsync(0);
            await a11y.CheckAsync(page, "clinic-home-just-started");
            await page.Context.CloseAsync();
        });
    }
}
