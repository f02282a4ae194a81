using System.Net;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>The sender against PostgreSQL and a real SMTP server (netDumbster) in the test process.</summary>
[Collection(PortalCollection.Name)]
public class SenderTests(PortalFactory factory)
{
    private int SmtpPort => factory.Smtp.Configuration.Port;

    [Fact]
    public async Task Due_rows_are_delivered_once_marked_sent_and_a_second_run_sends_nothing_more()
    {
        var clinic = await factory.ClinicAsync("Riverside Physio");
        var now = DateTimeOffset.UtcNow;
        var (patient, _, row) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        var (later, _, notDue) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        await using (var s = factory.SystemDb())
        {
            await s.Db.ScheduledEmails.Where(e => e.Id == notDue.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.DueAt, now.AddHours(1)));
        }

        await using (var s = factory.SystemDb())
        {
            var result = await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
            Assert.True(result.Sent >= 1);
        }
        var mail = Assert.Single(factory.MailTo(patient.Email!));
        Assert.Empty(factory.MailTo(later.Email!));
        Assert.Contains("Riverside Physio", mail.Headers["From"], StringComparison.Ordinal);
        Assert.StartsWith("Time for your exercises", mail.Headers["Subject"], StringComparison.Ordinal);
        Assert.Equal(2, mail.MessageParts.Length); // text and HTML
        Assert.Contains("http://localhost/log/", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Matches(@"^<http://localhost/unsubscribe/[A-Za-z0-9_-]{43}>$", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

        var stored = (await factory.RowsAsync(patient.Id)).Single();
        Assert.Equal(EmailState.Sent, stored.State);
        Assert.NotNull(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal($"<{stored.MessageId}>", mail.Headers["Message-ID"]);
        Assert.Equal($"{row.Id:N}@physioportal.test", stored.MessageId);

        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
        }
        Assert.Single(factory.MailTo(patient.Email!));
        Assert.Equal(EmailState.Pending, (await factory.RowsAsync(later.Id)).Single().State);
        await factory.CancelPendingAsync(later.Id);
    }

    [Fact]
    public async Task With_the_smtp_server_down_rows_stay_pending_with_the_error_then_go_out_once_when_it_is_back()
    {
        var clinic = await factory.ClinicAsync();
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var patients = new List<(Core.Patients.Patient Patient, Guid Row)>();
        for (var i = 0; i < 3; i++)
        {
            var (p, _, r) = await factory.PatientWithDueReminderAsync(clinic.Id, clock.Now);
            patients.Add((p, r.Id));
        }
        var port = ReminderTestData.ClosedPort();

        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, port, clock).SendDueAsync();
        }
        foreach (var (p, _) in patients)
        {
            var row = (await factory.RowsAsync(p.Id)).Single();
            Assert.Equal(EmailState.Pending, row.State);
            Assert.Equal(1, row.Attempts);
            Assert.Contains("connection was refused", row.LastError, StringComparison.Ordinal);
            Assert.True(row.NextAttemptAt > clock.Now);
            Assert.Null(row.ClaimedBy);
        }

        // Not yet time for the retry: nothing is tried.
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, port, clock).SendDueAsync();
        }
        Assert.All(patients, p => Assert.Equal(1, factory.RowsAsync(p.Patient.Id).Result.Single().Attempts));

        // The server comes back on that port; after the back-off everything goes, once.
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();
        clock.Advance(TimeSpan.FromMinutes(2));
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, port, clock).SendDueAsync();
            await ReminderTestData.Sender(s.AllClinics, port, clock).SendDueAsync();
        }
        foreach (var (p, rowId) in patients)
        {
            Assert.Single(server.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == p.Email));
            var row = (await factory.RowsAsync(p.Id)).Single();
            Assert.Equal(EmailState.Sent, row.State);
            Assert.Equal(2, row.Attempts);
        }
    }

    [Fact]
    public async Task After_the_last_attempt_the_row_is_failed_for_admins_to_see()
    {
        var clinic = await factory.ClinicAsync();
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var (patient, _, _) = await factory.PatientWithDueReminderAsync(clinic.Id, clock.Now);
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, ReminderTestData.ClosedPort(), clock, o => o.MaxAttempts = 2).SendDueAsync();
            clock.Advance(TimeSpan.FromMinutes(2));
            await ReminderTestData.Sender(s.AllClinics, ReminderTestData.ClosedPort(), clock, o => o.MaxAttempts = 2).SendDueAsync();
        }
        var row = (await factory.RowsAsync(patient.Id)).Single();
        Assert.Equal(EmailState.Failed, row.State);
        Assert.Equal(2, row.Attempts);
        Assert.StartsWith("Gave up after 2 attempts", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_senders_racing_on_the_same_rows_send_each_email_exactly_once()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var patients = new List<Core.Patients.Patient>();
        for (var i = 0; i < 30; i++)
        {
            patients.Add((await factory.PatientWithDueReminderAsync(clinic.Id, now)).Patient);
        }

        await using var a = factory.SystemDb();
        await using var b = factory.SystemDb();
        var senderA = ReminderTestData.Sender(a.AllClinics, SmtpPort, TimeProvider.System, o => o.BatchSize = 4);
        var senderB = ReminderTestData.Sender(b.AllClinics, SmtpPort, TimeProvider.System, o => o.BatchSize = 4);
        var results = await Task.WhenAll(Task.Run(() => senderA.SendDueAsync()), Task.Run(() => senderB.SendDueAsync()));

        foreach (var p in patients)
        {
            Assert.Single(factory.MailTo(p.Email!));
            Assert.Equal(EmailState.Sent, (await factory.RowsAsync(p.Id)).Single().State);
        }
        var claimedBy = (await Task.WhenAll(patients.Select(p => factory.RowsAsync(p.Id)))).SelectMany(r => r).Select(r => r.Id).ToList();
        Assert.Equal(30, claimedBy.Distinct().Count());
        Assert.True(results[0].Sent + results[1].Sent >= 30);
    }

    [Fact]
    public async Task Stale_claims_not_started_go_out_again_unknown_reminders_once_more_other_kinds_wait_for_an_admin()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var (patient, rx, row) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        var yesterday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var checkIn = Stale(rx, EmailKind.CheckIn, EmailSchedule.Key(EmailKind.CheckIn, rx.Id), null, now, dataStarted: true);
        var announce = Stale(rx, EmailKind.NewPrescription, $"new-prescription:{rx.Id}:1", null, now, dataStarted: true);
        var again = Stale(rx, EmailKind.Reminder, EmailSchedule.Key(EmailKind.Reminder, rx.Id, yesterday), yesterday, now, dataStarted: true);
        again.UnknownOutcomes = 1;
        await using (var s = factory.SystemDb())
        {
            s.Db.ScheduledEmails.AddRange(checkIn, announce, again);
            await s.Db.SaveChangesAsync();
            // A sender claimed the reminder an hour ago and died before its SMTP transaction reached DATA.
            await s.Db.ScheduledEmails.Where(e => e.Id == row.Id).ExecuteUpdateAsync(x => x
                .SetProperty(e => e.State, EmailState.Sending).SetProperty(e => e.ClaimedAt, now.AddHours(-1)).SetProperty(e => e.ClaimedBy, "dead-host/42/x"));
            await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
            await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
        }
        var stored = (await factory.RowsAsync(patient.Id)).ToDictionary(r => r.Id);

        // Not started: it simply went out, once, with its own Message-ID.
        Assert.Equal((EmailState.Sent, 0), (stored[row.Id].State, stored[row.Id].UnknownOutcomes));
        // Unknown check-in: sent once more with the same Message-ID.
        Assert.Equal((EmailState.Sent, 1), (stored[checkIn.Id].State, stored[checkIn.Id].UnknownOutcomes));
        var mails = factory.MailTo(patient.Email!);
        Assert.Equal(((string[])[$"<{row.Id:N}@physioportal.test>", $"<{checkIn.Id:N}@physioportal.test>"]).Order(), mails.Select(m => m.Headers["Message-ID"]).Order());
        // Unknown new routine (a copy could harm) and a reminder unknown a second time: an admin decides.
        Assert.Equal(EmailState.Failed, stored[announce.Id].State);
        Assert.StartsWith("Outcome unknown: the sender dead-host/42/x stopped while handing this email", stored[announce.Id].LastError, StringComparison.Ordinal);
        Assert.Contains("could harm", stored[announce.Id].LastError, StringComparison.Ordinal);
        Assert.Equal($"{announce.Id:N}@physioportal.test", stored[announce.Id].MessageId);
        Assert.Equal((EmailState.Failed, 2), (stored[again.Id].State, stored[again.Id].UnknownOutcomes));
        Assert.Contains("already been sent once more", stored[again.Id].LastError, StringComparison.Ordinal);

        // A claim inside the lease is left alone (its sender may be sending right now).
        var (other, _, otherRow) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        await using (var s = factory.SystemDb())
        {
            await s.Db.ScheduledEmails.Where(e => e.Id == otherRow.Id).ExecuteUpdateAsync(x => x
                .SetProperty(e => e.State, EmailState.Sending).SetProperty(e => e.ClaimedAt, now.AddMinutes(-1)).SetProperty(e => e.ClaimedBy, "busy-host/1/y"));
            await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
        }
        Assert.Equal(EmailState.Sending, (await factory.RowsAsync(other.Id)).Single().State);
        Assert.Empty(factory.MailTo(other.Email!));
        await using (var s = factory.SystemDb())
        {
            await s.Db.ScheduledEmails.Where(e => e.Id == otherRow.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.State, EmailState.Cancelled));
        }
    }

    [Fact]
    public async Task At_send_time_a_patient_without_consent_or_archived_is_cancelled_not_sent()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var (noConsent, _, _) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        var (archived, _, _) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == noConsent.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.EmailConsent, false));
            await s.Db.Patients.Where(p => p.Id == archived.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.ArchivedAt, now));
            await ReminderTestData.Sender(s.AllClinics, SmtpPort, TimeProvider.System).SendDueAsync();
        }
        Assert.Empty(factory.MailTo(noConsent.Email!));
        Assert.Empty(factory.MailTo(archived.Email!));
        Assert.Equal(EmailPlanner.Reasons.NoConsent, (await factory.RowsAsync(noConsent.Id)).Single().LastError);
        Assert.Equal(EmailState.Cancelled, (await factory.RowsAsync(archived.Id)).Single().State);
    }

    /// <summary>A row a sender claimed an hour ago and never finished (with its SMTP transaction at DATA or not).</summary>
    private static ScheduledEmail Stale(Core.Prescriptions.Prescription rx, EmailKind kind, string key, DateOnly? day, DateTimeOffset now, bool dataStarted) => new()
    {
        Id = Guid.NewGuid(), ClinicId = rx.ClinicId, Kind = kind, PatientId = rx.PatientId, PrescriptionId = rx.Id, LocalDate = day,
        UniqueKey = key, DueAt = now.AddHours(-2), CreatedAt = now, State = EmailState.Sending, ClaimedAt = now.AddHours(-1),
        ClaimedBy = "dead-host/42/x", DataStartedAt = dataStarted ? now.AddHours(-1) : null,
    };
}
