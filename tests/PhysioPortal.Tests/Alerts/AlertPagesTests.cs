using PhysioPortal.Core;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Alerts;

/// <summary>Alerts raised by what patients log, through the real pages on PostgreSQL, and the clinician's inbox.</summary>
[Collection(PortalCollection.Name)]
public class AlertPagesTests(PortalFactory factory)
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    private sealed record Setup(Guid ClinicId, Patient Patient, Guid PrescriptionId, PortalClient PatientClient, PortalClient Clinician, PortalUser ClinicianUser);

    private async Task<Setup> SetupAsync(Action<Patient>? configure = null, string template = "lower-back")
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, configure);
        var (clinician, clinicianUser) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-14), templateSlug: template, clinicianUserId: clinicianUser.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        return new Setup(clinic.Id, patient, rx.Id, client, clinician, clinicianUser);
    }

    private static Task<HttpResponseMessage> LogAsync(PortalClient client, DateOnly date, Dictionary<string, string> values) =>
        client.SubmitFormAsync($"/me/log?date={date:yyyy-MM-dd}", values, "main form[method=post]");

    private async Task<List<Alert>> AlertsAsync(Guid patientId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.Alerts.Where(a => a.PatientId == patientId).OrderBy(a => a.RaisedAt).ToListAsync();
    }

    [Fact]
    public async Task Pain_up_in_a_session_and_too_hard_twice_land_in_the_clinician_s_inbox()
    {
        var x = await SetupAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(x.PatientClient, Today.AddDays(-1), new() { ["Input.PainBefore"] = "3", ["Input.Difficulty"] = "TooHard" })).StatusCode);
        Assert.Empty(await AlertsAsync(x.Patient.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(x.PatientClient, Today, new()
        {
            ["Input.PainBefore"] = "4", ["Input.PainAfter"] = "6", ["Input.Difficulty"] = "TooHard",
        })).StatusCode);
        var alerts = await AlertsAsync(x.Patient.Id);
        Assert.Equal([AlertKind.PainAfterSession, AlertKind.TooHard], alerts.Select(a => a.Kind).Order());
        Assert.All(alerts, a => Assert.Equal(x.ClinicianUser.Id, a.ClinicianUserId));
        Assert.All(alerts, a => Assert.NotNull(a.SessionLogId));

        // Logging the same day again raises nothing new.
        await LogAsync(x.PatientClient, Today, new() { ["Input.PainAfter"] = "7" });
        Assert.Equal(2, (await AlertsAsync(x.Patient.Id)).Count);

        var (home, page) = await x.Clinician.GetPageAsync("/clinic");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var items = page.QuerySelectorAll("#alerts .alert-item");
        Assert.Equal(2, items.Length);
        Assert.Contains("Pain rose from 4 to 6", page.QuerySelector("#alerts")!.TextContent);
        Assert.Equal("open: 2", page.QuerySelector("#alert-count")!.TextContent.Trim());
        // No email for these: they wait for the digest.
        await using var s = factory.SystemDb();
        var alertIds = alerts.Select(a => (Guid?)a.Id).ToList();
        Assert.False(await s.Db.ScheduledEmails.AnyAsync(e => alertIds.Contains(e.AlertId)));
    }

    [Fact]
    public async Task The_bench_s_skip_alerts_header_is_ignored_unless_the_bench_turns_its_yardsticks_on()
    {
        var x = await SetupAsync();
        x.PatientClient.Http.DefaultRequestHeaders.Add(PhysioPortal.Web.Pages.Me.LogModel.SkipAlertsHeader, "1");
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(x.PatientClient, Today, new() { ["Input.PainBefore"] = "1", ["Input.PainAfter"] = "5" })).StatusCode);
        Assert.Equal(AlertKind.PainAfterSession, Assert.Single(await AlertsAsync(x.Patient.Id)).Kind);
    }

    [Fact]
    public async Task A_dizzy_note_tells_the_patient_what_to_do_and_alerts_the_clinician_with_the_word_marked()
    {
        var x = await SetupAsync(p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = Today.AddDays(18 * 7);
        }, "pregnancy");
        var saved = await LogAsync(x.PatientClient, Today, new() { ["Input.Note"] = "Felt dizzy lying on my back <script>alert(1)</script>" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, me) = await x.PatientClient.GetPageAsync(saved.Headers.Location!.OriginalString);
        var advice = me.QuerySelector("#stop-advice")!.TextContent;
        Assert.Contains("dizziness or fainting", advice);
        Assert.Contains(PatientAdvice.Urgent, advice);
        Assert.Contains("fluid leaking from the vagina", advice); // the pregnancy signs of the handout's box

        var alert = Assert.Single(await AlertsAsync(x.Patient.Id));
        Assert.Equal(AlertKind.WarningSign, alert.Kind);
        Assert.Equal(["dizzy"], alert.Matched);
        await using (var s = factory.SystemDb())
        {
            var email = await s.Db.ScheduledEmails.SingleAsync(e => e.AlertId == alert.Id);
            Assert.Equal(EmailKind.ClinicianAlert, email.Kind);
            Assert.Equal(x.ClinicianUser.Id, email.ClinicianUserId);
            await Reminders.ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
        }
        var mail = Assert.Single(factory.MailTo(x.ClinicianUser.Email!));
        Assert.Contains("warning sign", mail.Headers["Subject"]);
        Assert.Contains($"/clinic/alerts/{alert.Id}", mail.MessageParts[0].BodyData);
        Assert.Contains("dizziness or fainting", mail.MessageParts[0].BodyData);

        var (response, page) = await x.Clinician.GetPageAsync("/clinic/alerts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = page.QuerySelector($"[data-alert-id='{alert.Id}']")!;
        Assert.Equal("dizzy", item.QuerySelector("mark")!.TextContent);
        Assert.Null(item.QuerySelector("script"));
        Assert.Contains("<script>alert(1)</script>", item.QuerySelector(".alert-note")!.TextContent);
    }

    [Fact]
    public async Task Resolving_is_stamped_and_audited_once_and_another_clinic_gets_404()
    {
        var x = await SetupAsync();
        await LogAsync(x.PatientClient, Today, new() { ["Input.PainBefore"] = "1", ["Input.PainAfter"] = "5" });
        var alert = Assert.Single(await AlertsAsync(x.Patient.Id));
        var url = $"/clinic/alerts/{alert.Id}";

        var (detail, page) = await x.Clinician.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains("1 → 5", page.QuerySelector("#log")!.TextContent);

        var other = await factory.ClinicAsync();
        var (stranger, _) = await factory.SignedInAsync(other.Id, Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        // The stranger's own antiforgery token (from a form they may open), posted at this alert.
        var (_, strangerForm) = await stranger.GetPageAsync("/clinic/patients/new");
        var refused = await stranger.PostPageAsync(strangerForm, $"{url}?handler=Resolve", [new("ResolutionNote", "not mine")], "main form[method=post]");
        Assert.Equal(HttpStatusCode.NotFound, refused.Response.StatusCode);
        Assert.Equal(AlertState.Open, (await AlertsAsync(x.Patient.Id)).Single().State);

        var seen = await x.Clinician.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='handler=Seen']");
        Assert.Equal(HttpStatusCode.Redirect, seen.StatusCode);
        Assert.Equal(AlertState.Seen, (await AlertsAsync(x.Patient.Id)).Single().State);

        var resolved = await x.Clinician.SubmitFormAsync(url, new Dictionary<string, string> { ["ResolutionNote"] = "Phoned; dosage lowered" },
            "form[action*='handler=Resolve']");
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var done = (await AlertsAsync(x.Patient.Id)).Single();
        Assert.Equal(AlertState.Resolved, done.State);
        Assert.Equal("Phoned; dosage lowered", done.ResolutionNote);
        Assert.Equal(x.ClinicianUser.Id, done.ResolvedByUserId);
        Assert.NotNull(done.ResolvedAt);

        // Twice: refused with a message, nothing changed.
        var twice = await x.Clinician.PostPageAsync(page, $"{url}?handler=Resolve", [new("ResolutionNote", "again")], "form[action*='handler=Resolve']");
        Assert.Equal(HttpStatusCode.Conflict, twice.Response.StatusCode);
        Assert.Contains("already resolved", twice.Document.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("Phoned; dosage lowered", (await AlertsAsync(x.Patient.Id)).Single().ResolutionNote);

        await using var s = factory.SystemDb();
        var actions = await s.Db.AuditEvents.Where(a => a.PatientId == x.Patient.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("alert.seen", actions);
        Assert.Single(actions, a => a == "alert.resolved");
        var (_, inbox) = await x.Clinician.GetPageAsync("/clinic/alerts?show=resolved");
        Assert.Contains("Phoned; dosage lowered", inbox.QuerySelector(".alerts-list")!.TextContent);
    }

    [Fact]
    public async Task The_inbox_shows_a_page_at_a_time_newest_first_with_the_count_of_all_in_the_menu()
    {
        var x = await SetupAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await using (var s = factory.SystemDb())
        {
            for (var i = 0; i < 30; i++)
            {
                s.Db.Alerts.Add(new Alert
                {
                    Id = Guid.NewGuid(), ClinicId = x.ClinicId, PatientId = x.Patient.Id, PrescriptionId = x.PrescriptionId,
                    ClinicianUserId = x.ClinicianUser.Id, Kind = AlertKind.MissedDays, UniqueKey = $"paging:{Guid.NewGuid()}",
                    Summary = $"Alert number {i}.", RaisedAt = start.AddMinutes(i),
                });
            }
            await s.Db.SaveChangesAsync();
        }
        var pageSize = PhysioPortal.Web.Pages.Clinic.Alerts.IndexModel.PageSize;

        var (first, page) = await x.Clinician.GetPageAsync("/clinic/alerts");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var items = page.QuerySelectorAll(".alert-item");
        Assert.Equal(pageSize, items.Length);
        Assert.Contains("Alert number 29.", items[0].TextContent);
        Assert.Equal("open: 30", page.QuerySelector("#alert-count")!.TextContent.Trim());
        Assert.Contains("Open (30)", page.QuerySelector("nav[aria-label='Which alerts']")!.TextContent);
        Assert.Contains($"Showing 1–{pageSize} of 30", page.QuerySelector("#alerts-shown")!.TextContent);
        var older = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;

        var (_, second) = await x.Clinician.GetPageAsync(older);
        var rest = second.QuerySelectorAll(".alert-item");
        Assert.Equal(30 - pageSize, rest.Length);
        Assert.Contains("Alert number 0.", rest[^1].TextContent);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal("/clinic/alerts", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        // Pages that are not there, or not numbers: the nearest page there is, never an error.
        foreach (var url in new[] { "/clinic/alerts?page=abc", "/clinic/alerts?page=-3", "/clinic/alerts?page=99999999999", "/clinic/alerts?page=2147483647&show=resolved" })
        {
            var (response, shown) = await x.Clinician.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("open: 30", shown.QuerySelector("#alert-count")!.TextContent.Trim());
        }
        var (_, past) = await x.Clinician.GetPageAsync("/clinic/alerts?page=7");
        Assert.Empty(past.QuerySelectorAll(".alert-item"));
        Assert.Equal("/clinic/alerts?page=2", past.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        // The clinician home shows the newest few and the same count.
        var (_, home) = await x.Clinician.GetPageAsync("/clinic");
        Assert.Equal(PhysioPortal.Web.Pages.Clinic.IndexModel.AlertsShown, home.QuerySelectorAll("#alerts .alert-item").Length);
        Assert.Contains("See all 30 open alerts", home.QuerySelector("#alerts")!.TextContent);
    }

    [Fact]
    public async Task A_too_long_resolution_note_is_refused_next_to_the_field()
    {
        var x = await SetupAsync();
        await LogAsync(x.PatientClient, Today, new() { ["Input.PainBefore"] = "1", ["Input.PainAfter"] = "5" });
        var alert = Assert.Single(await AlertsAsync(x.Patient.Id));
        var url = $"/clinic/alerts/{alert.Id}";
        var response = await x.Clinician.SubmitFormAsync(url, new Dictionary<string, string> { ["ResolutionNote"] = new string('x', 1001) },
            "form[action*='handler=Resolve']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("under 1000 characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(AlertState.Open, (await AlertsAsync(x.Patient.Id)).Single().State);
    }

    [Fact]
    public async Task The_missed_days_job_raises_one_alert_per_run_of_missed_days()
    {
        var x = await SetupAsync();
        await using (var s = factory.SystemDb())
        {
            // The version was saved when the routine started (a routine saved today tracks from today).
            await s.Db.PrescriptionVersions.Where(v => v.PrescriptionId == x.PrescriptionId)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.CreatedAt, DateTimeOffset.UtcNow.AddDays(-14)));
        }
        for (var i = 0; i < 2; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MissedDaysJob>().RunAsync(CancellationToken.None);
        }
        var alert = Assert.Single(await AlertsAsync(x.Patient.Id), a => a.Kind == AlertKind.MissedDays);
        Assert.Equal($"missed:{x.PrescriptionId}:{Today.AddDays(-14):yyyy-MM-dd}", alert.UniqueKey);
        Assert.Null(alert.SessionLogId);
    }
}
