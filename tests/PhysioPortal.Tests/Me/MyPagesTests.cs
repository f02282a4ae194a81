using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Me;

/// <summary>The patient's side through the real pages on PostgreSQL.</summary>
[Collection(PortalCollection.Name)]
public partial class MyPagesTests(PortalFactory factory)
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private async Task<(PortalClient Client, Patient Patient, Guid PrescriptionId)> PatientWithRoutineAsync(Action<Patient>? configure = null)
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, configure);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-14));
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        return (client, patient, rx.Id);
    }

    [GeneratedRegex(@"http://localhost(/invite/[A-Za-z0-9_\-]+)")]
    private static partial Regex InviteLink();

    [Fact]
    public async Task Invitation_leads_to_a_password_and_the_patient_home()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Ayşe");
        await factory.PrescriptionAsync(clinic.Id, patient.Id, Today);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);

        var invited = await clinician.SubmitFormAsync($"/clinic/patients/{patient.Id}?handler=Invite", new Dictionary<string, string>(),
            "form[action*='handler=Invite']");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = Assert.Single(factory.MailTo(patient.Email!));
        var link = InviteLink().Match(mail.MessageParts[0].BodyData).Groups[1].Value;
        Assert.NotEmpty(link);

        // Sending again replaces the old link.
        await clinician.SubmitFormAsync($"/clinic/patients/{patient.Id}?handler=Invite", new Dictionary<string, string>(), "form[action*='handler=Invite']");
        var mails = factory.MailTo(patient.Email!);
        Assert.Equal(2, mails.Count);
        var newLink = mails.Select(m => InviteLink().Match(m.MessageParts[0].BodyData).Groups[1].Value).Single(l => l != link);
        Assert.NotEqual(link, newLink);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client().GetAsync(link)).StatusCode);

        var browser = factory.Client();
        var (page, _) = await browser.GetPageAsync(newLink);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var set = await browser.SubmitFormAsync(newLink, new Dictionary<string, string>
        {
            ["Input.Password"] = "my knees are better now",
            ["Input.ConfirmPassword"] = "my knees are better now",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/me", set.Headers.Location!.OriginalString);
        var (home, homePage) = await browser.GetPageAsync("/me");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Hello, Ayşe", homePage.QuerySelector("h1")!.TextContent);

        // The account is tied to exactly this patient record, and the link is used up.
        await using var s = factory.SystemDb();
        var user = await s.Db.Users.SingleAsync(u => u.Email == patient.Email);
        Assert.Equal(patient.Id, user.PatientId);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client().GetAsync(newLink)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().SignInAsync(patient.Email!, "my knees are better now")).StatusCode);
    }

    [Fact]
    public async Task The_home_shows_today_s_routine_the_log_button_and_four_weeks()
    {
        var (client, _, _) = await PatientWithRoutineAsync();
        var (response, page) = await client.GetPageAsync("/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Log today's session", page.Body!.TextContent);
        Assert.Equal(28, page.QuerySelectorAll(".calendar-strip li").Length);
        Assert.NotEmpty(page.QuerySelectorAll(".patient-exercise ol.steps li"));
        Assert.NotNull(page.QuerySelector("a[href='/me/handout.pdf']"));
    }

    [Fact]
    public async Task Logging_creates_one_log_and_logging_again_updates_it()
    {
        var (client, patient, rxId) = await PatientWithRoutineAsync();
        var first = await client.SubmitFormAsync("/me/log", new Dictionary<string, string>
        {
            ["Input.PainBefore"] = "6", ["Input.PainAfter"] = "4", ["Input.Difficulty"] = "AboutRight", ["Input.Note"] = "Knees 👍 מצוין <b>",
        }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await client.SubmitFormAsync("/me/log", new Dictionary<string, string> { ["Input.PainAfter"] = "3" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        await using var s = factory.SystemDb();
        var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id);
        Assert.Equal(rxId, log.PrescriptionId);
        Assert.Equal(Today, log.LocalDate);
        Assert.Equal(6, log.PainBefore); // kept from the form as it came back filled in
        Assert.Equal(3, log.PainAfter);
        Assert.Equal("Knees 👍 מצוין <b>", log.Note);
        Assert.Equal(LogSource.Site, log.Source);
        Assert.NotEmpty(log.ExercisesDone); // all exercises by default

        var (_, history) = await client.GetPageAsync("/me/history");
        Assert.Contains("Knees 👍 מצוין <b>", history.QuerySelector("table")!.TextContent); // shown as text, encoded
        Assert.Null(history.QuerySelector("table b"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-8)]
    public async Task Future_dates_and_dates_older_than_7_days_are_refused(int daysFromToday)
    {
        var (client, patient, _) = await PatientWithRoutineAsync();
        var date = Today.AddDays(daysFromToday).ToString("yyyy-MM-dd");
        var (_, page) = await client.GetPageAsync("/me/log");
        var (response, back) = await client.PostPageAsync(page, $"/me/log?date={date}", [F("Input.PainBefore", "2")], "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("hasn't happened yet|up to 7 days back", back.Body!.TextContent);
        await using var s = factory.SystemDb();
        Assert.False(await s.Db.SessionLogs.AnyAsync(l => l.PatientId == patient.Id));
    }

    [Fact]
    public async Task A_missed_day_within_7_days_can_be_logged_and_nonsense_is_refused()
    {
        var (client, patient, _) = await PatientWithRoutineAsync();
        var (_, page) = await client.GetPageAsync("/me/log");
        var date = Today.AddDays(-7).ToString("yyyy-MM-dd");
        var (ok, _) = await client.PostPageAsync(page, $"/me/log?date={date}", [], "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var (bad, badPage) = await client.PostPageAsync(page, "/me/log?date=2026-13-45", [F("Input.PainBefore", "11"), F("Input.Note", new string('x', 3000))], "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("could not be read", badPage.Body!.TextContent);
        var (range, rangePage) = await client.PostPageAsync(page, "/me/log", [F("Input.PainBefore", "11"), F("Input.Note", new string('x', 3000))], "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, range.StatusCode);
        Assert.Contains("pain score from 0 to 10", rangePage.Body!.TextContent);
        Assert.Contains("under 2000 characters", rangePage.Body.TextContent);
        await using var s = factory.SystemDb();
        Assert.Equal(1, await s.Db.SessionLogs.CountAsync(l => l.PatientId == patient.Id));
    }

    private async Task<string> OneTapTokenAsync(Patient patient, Guid prescriptionId, DateOnly date, TimeSpan? lifetime = null)
    {
        await using var s = factory.SystemDb();
        var tokens = new LinkTokens(s.Db, TimeProvider.System);
        var raw = tokens.Issue(TokenPurpose.OneTapLog, patient.ClinicId, patient.Id, lifetime ?? TimeSpan.FromDays(3), prescriptionId, date);
        await s.Db.SaveChangesAsync();
        return raw;
    }

    [Fact]
    public async Task One_tap_GET_changes_nothing_and_POST_logs()
    {
        var (_, patient, rxId) = await PatientWithRoutineAsync();
        var token = await OneTapTokenAsync(patient, rxId, Today);
        var anonymous = factory.Client();

        var (get, page) = await anonymous.GetPageAsync($"/log/{token}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Did you do your exercises?", page.Body!.TextContent);
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.SessionLogs.AnyAsync(l => l.PatientId == patient.Id));
        }
        // It shows nothing but that form: no email, no notes, no other days.
        Assert.DoesNotContain(patient.Email!, page.Body.InnerHtml);
        Assert.DoesNotContain(patient.LastName, page.Body.InnerHtml);

        var (post, done) = await anonymous.PostPageAsync(page, $"/log/{token}", [F("Input.PainAfter", "2")], "main form");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Sign in for more", done.Body!.TextContent);
        await using (var s = factory.SystemDb())
        {
            var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id);
            Assert.Equal(LogSource.EmailLink, log.Source);
            Assert.Equal(Today, log.LocalDate);
            Assert.Equal(2, log.PainAfter);
        }
        // The token stores only its hash.
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.LinkTokens.AnyAsync(t => t.Hash == token));
            Assert.True(await s.Db.LinkTokens.AnyAsync(t => t.Hash == LinkTokens.HashOf(token)));
        }
    }

    [Fact]
    public async Task Expired_tampered_and_other_date_one_tap_tokens_are_refused()
    {
        var (_, patient, rxId) = await PatientWithRoutineAsync();
        var anonymous = factory.Client();

        var expired = await OneTapTokenAsync(patient, rxId, Today, TimeSpan.FromSeconds(-1));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/log/{expired}")).StatusCode);

        var good = await OneTapTokenAsync(patient, rxId, Today);
        var tampered = good[..^2] + (good[^2] == 'A' ? "BB" : "AA");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/log/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/log/%3Cscript%3E")).StatusCode);

        var (_, page) = await anonymous.GetPageAsync($"/log/{good}");
        var (otherDate, _) = await anonymous.PostPageAsync(page, $"/log/{good}?date={Today.AddDays(-1):yyyy-MM-dd}", []);
        Assert.Equal(HttpStatusCode.BadRequest, otherDate.StatusCode);

        // A token of another purpose does not open the one-tap page.
        string calendarToken;
        await using (var s = factory.SystemDb())
        {
            calendarToken = new LinkTokens(s.Db, TimeProvider.System).Issue(TokenPurpose.Calendar, patient.ClinicId, patient.Id, TimeSpan.FromDays(1));
            await s.Db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/log/{calendarToken}")).StatusCode);

        await using var check = factory.SystemDb();
        Assert.False(await check.Db.SessionLogs.AnyAsync(l => l.PatientId == patient.Id));
    }

    [Fact]
    public async Task Patient_A_cannot_reach_patient_B_s_anything()
    {
        var clinic = await factory.ClinicAsync();
        var a = await factory.PatientAsync(clinic.Id);
        var b = await factory.PatientAsync(clinic.Id, p => p.Notes = "B's private note");
        var rxB = await factory.PrescriptionAsync(clinic.Id, b.Id, Today.AddDays(-3));
        await factory.PrescriptionAsync(clinic.Id, a.Id, Today.AddDays(-3));
        var (clientA, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, a.Id);

        foreach (var url in new[] { $"/clinic/patients/{b.Id}", $"/clinic/prescriptions/{rxB.Id}/versions/1", $"/clinic/prescriptions/{rxB.Id}/handout.pdf", $"/clinic/patients/{b.Id}/prescribe" })
        {
            var response = await clientA.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("accessdenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
        // The patient pages take no ids: extra ones in the URL are ignored and A only ever sees A.
        foreach (var url in new[] { $"/me?patientId={b.Id}", $"/me/history?id={b.Id}", $"/me/log?patientId={b.Id}", $"/me/settings?id={b.Id}", $"/me/calendar.ics?patient={b.Id}" })
        {
            var response = await clientA.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(b.LastName, body);
            Assert.DoesNotContain(b.Email!, body);
        }
        // B's logs never show on A's history.
        await using (var s = factory.SystemDb())
        {
            var routineB = await new SessionLogger(s.Db, TimeProvider.System).RoutineAsync(b.Id);
            await new SessionLogger(s.Db, TimeProvider.System).LogAsync(routineB!, Today, 1, new SessionReport([], 9, 9, null, "B was here"), LogSource.Site);
        }
        var (_, history) = await clientA.GetPageAsync("/me/history");
        Assert.DoesNotContain("B was here", history.Body!.TextContent);
    }

    [Fact]
    public async Task The_calendar_feed_lists_the_scheduled_sessions_and_a_new_link_revokes_the_old()
    {
        var (client, _, _) = await PatientWithRoutineAsync();
        var ics = await client.GetAsync("/me/calendar.ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", text);
        Assert.Contains("TZID=Europe/London", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Single(Regex.Matches(text, "BEGIN:VEVENT")); // one recurring series (ical.js expands it: CalendarCheckerTests)
        Assert.Contains("RRULE:FREQ=WEEKLY", text);

        var (_, settings) = await client.GetPageAsync("/me/settings");
        var (_, made) = await client.PostPageAsync(settings, "/me/settings?handler=Calendar", [], "form[action*='handler=Calendar']");
        var url = made.QuerySelector<IHtmlInputElement>("#calendar-url")!.Value;
        var path = new Uri(url).PathAndQuery;
        var anonymous = factory.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);

        var (_, again) = await client.PostPageAsync(made, "/me/settings?handler=Calendar", [], "form[action*='handler=Calendar']");
        var newPath = new Uri(again.QuerySelector<IHtmlInputElement>("#calendar-url")!.Value).PathAndQuery;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newPath)).StatusCode);
    }

    [Fact]
    public async Task Settings_change_reminder_time_time_zone_and_stop_emails()
    {
        var (client, patient, _) = await PatientWithRoutineAsync();
        var (_, page) = await client.GetPageAsync("/me/settings");
        var (bad, badPage) = await client.PostPageAsync(page, "/me/settings?handler=Preferences",
            [F("Preferences.TimeZoneId", "Mars/Olympus"), F("Preferences.ReminderTime", "7pm")], "form[action*='handler=Preferences']");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose your time zone", badPage.Body!.TextContent);

        var (ok, _) = await client.PostPageAsync(page, "/me/settings?handler=Preferences",
            [F("Preferences.TimeZoneId", "America/New_York"), F("Preferences.ReminderTime", "19:15"), F("Preferences.Emails", "false")], "form[action*='handler=Preferences']");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await using var s = factory.SystemDb();
        var saved = await s.Db.Patients.SingleAsync(p => p.Id == patient.Id);
        Assert.Equal("America/New_York", saved.TimeZoneId);
        Assert.Equal(new TimeOnly(19, 15), saved.ReminderTime);
        Assert.False(saved.EmailConsent);
    }

    [Fact]
    public async Task The_clinician_sees_adherence_pain_trend_and_the_slipping_list()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, clinicianUser) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var good = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Steady");
        var slipping = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Slipping");
        var worse = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Hurting");
        foreach (var p in new[] { good, slipping, worse })
        {
            await factory.PrescriptionAsync(clinic.Id, p.Id, Today.AddDays(-13), clinicianUserId: clinicianUser.Id);
        }
        await using (var s = factory.SystemDb())
        {
            var logger = new SessionLogger(s.Db, TimeProvider.System);
            async Task Log(Patient p, int daysAgo, int? pain) =>
                await logger.LogAsync((await logger.RoutineAsync(p.Id))!, Today.AddDays(-daysAgo), 1, new SessionReport([], pain, null, null, null), LogSource.Site);
            for (var d = 0; d < 7; d++) await Log(good, d, 5);
            await Log(slipping, 6, 5);
            await Log(worse, 7, 3);
            for (var d = 0; d < 7; d++) await Log(worse, d, d == 0 ? 6 : 4);
        }

        var (_, details) = await clinician.GetPageAsync($"/clinic/patients/{good.Id}");
        Assert.Equal("100 % (7 of 7)", details.QuerySelector("#adherence-7")!.TextContent.Trim());
        // Started 13 days ago, every day: 14 sessions scheduled in the 28-day window, 7 logged.
        Assert.Equal("50 % (7 of 14)", details.QuerySelector("#adherence-28")!.TextContent.Trim());
        Assert.Equal("unchanged at 5/10 since the first session", details.QuerySelector("#pain-trend")!.TextContent.Trim());
        Assert.Equal(7, details.QuerySelectorAll(".sessions-table tbody tr").Length);

        var (_, hurting) = await clinician.GetPageAsync($"/clinic/patients/{worse.Id}");
        Assert.Equal("3 → 6/10 since the first session (up 3)", hurting.QuerySelector("#pain-trend")!.TextContent.Trim());

        var (_, home) = await clinician.GetPageAsync("/clinic");
        var rows = home.QuerySelectorAll(".slipping tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal([slipping.FullName, worse.FullName], rows);
    }
}
