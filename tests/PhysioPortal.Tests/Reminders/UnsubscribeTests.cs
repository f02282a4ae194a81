using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>The unsubscribe link: GET shows a button and changes nothing; the RFC 8058 one-click POST stops every email.</summary>
[Collection(PortalCollection.Name)]
public class UnsubscribeTests(PortalFactory factory)
{
    [Fact]
    public async Task One_click_post_stops_all_future_emails_and_a_get_does_not()
    {
        var clinic = await factory.ClinicAsync("Harbour Physio");
        var now = DateTimeOffset.UtcNow;
        var (patient, rx, _) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
        }
        var header = Assert.Single(factory.MailTo(patient.Email!)).Headers["List-Unsubscribe"]!;
        var url = new Uri(header.Trim('<', '>'));
        // Tomorrow's reminder is already planned.
        var tomorrow = await factory.DueReminderAsync(rx, now.AddDays(1).AddMinutes(2), DateOnly.FromDateTime(now.UtcDateTime).AddDays(1));

        // A mail scanner (or a person) opens the link: a page with a button, nothing changes.
        var client = factory.Client();
        var (get, page) = await client.GetPageAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Stop emails from Harbour Physio", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main form[method=post] button"));
        await using (var s = factory.SystemDb())
        {
            Assert.True((await s.Db.Patients.SingleAsync(p => p.Id == patient.Id)).EmailConsent);
            Assert.Equal(EmailState.Pending, (await s.Db.ScheduledEmails.SingleAsync(e => e.Id == tomorrow.Id)).State);
        }

        // The mail program's one-click POST: no cookie, no antiforgery token, just the RFC 8058 body.
        var oneClick = await factory.Client().Http.PostAsync(url.PathAndQuery,
            new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("You will get no more emails", await oneClick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var s = factory.SystemDb())
        {
            Assert.False((await s.Db.Patients.SingleAsync(p => p.Id == patient.Id)).EmailConsent);
            var row = await s.Db.ScheduledEmails.SingleAsync(e => e.Id == tomorrow.Id);
            Assert.Equal(EmailState.Cancelled, row.State);
            // Nothing more is planned or sent, even when the day comes.
            var clock = new FakeClock(now.AddDays(1).AddMinutes(5));
            await ReminderTestData.Planner(s.AllClinics, clock).TopUpAsync();
            await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, clock).SendDueAsync();
        }
        Assert.DoesNotContain(await factory.RowsAsync(patient.Id), r => r.State == EmailState.Pending);
        Assert.Single(factory.MailTo(patient.Email!));

        // Posting again is harmless; the link still shows the outcome.
        var again = await factory.Client().Http.PostAsync(url.PathAndQuery, new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_is_refused_with_404_and_changes_nothing()
    {
        var client = factory.Client();
        var get = await client.GetAsync("/unsubscribe/not-a-real-token");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var post = await client.Http.PostAsync("/unsubscribe/not-a-real-token",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("not valid any more", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
