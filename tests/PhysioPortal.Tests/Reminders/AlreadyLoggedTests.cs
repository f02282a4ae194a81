using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>No reminder or nudge for a day whose sessions are all logged: checked when sending, in the patient's own date.</summary>
[Collection(PortalCollection.Name)]
public class AlreadyLoggedTests(PortalFactory factory)
{
    private async Task LogAsync(Core.Prescriptions.Prescription rx, DateOnly day, int session)
    {
        await using var s = factory.SystemDb();
        s.Db.SessionLogs.Add(new SessionLog
        {
            Id = Guid.NewGuid(), ClinicId = rx.ClinicId, PatientId = rx.PatientId, PrescriptionId = rx.Id, PrescriptionVersionId = rx.Versions[0].Id,
            LocalDate = day, Session = session, LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await s.Db.SaveChangesAsync();
    }

    private async Task SendAsync(DateTimeOffset now)
    {
        await using var s = factory.SystemDb();
        await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, new FakeClock(now)).SendDueAsync();
    }

    [Fact]
    public async Task A_reminder_for_a_day_already_logged_is_cancelled_not_sent()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        // A patient far east: their date may differ from UTC's; the row's day is their local date.
        var patient = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = "Pacific/Kiritimati");
        var day = LocalDates.PatientToday(patient.TimeZoneId, now);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, day.AddDays(-2), new TimeOnly(8, 0));
        var row = await factory.DueReminderAsync(rx, now, day);
        await LogAsync(rx, day, 1);

        await SendAsync(now);

        Assert.Empty(factory.MailTo(patient.Email!));
        var stored = Assert.Single(await factory.RowsAsync(patient.Id), r => r.Id == row.Id);
        Assert.Equal(EmailState.Cancelled, stored.State);
        Assert.Equal(ScheduledEmailContext.AllLogged, stored.LastError);
    }

    [Fact]
    public async Task A_reminder_goes_out_when_a_session_of_the_day_is_still_open_and_a_nudge_not_after_a_log()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var patient = await factory.PatientAsync(clinic.Id);
        var day = LocalDates.PatientToday(patient.TimeZoneId, now);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, day.AddDays(-5), new TimeOnly(8, 0));
        await using (var s = factory.SystemDb())
        {
            var v = s.Db.PrescriptionVersions.Single(x => x.PrescriptionId == rx.Id);
            v.SessionsPerDay = 2;
            var nudgeDay = day.AddDays(-1);
            s.Db.ScheduledEmails.Add(new ScheduledEmail
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.Nudge, PatientId = patient.Id, PrescriptionId = rx.Id, LocalDate = nudgeDay,
                UniqueKey = EmailSchedule.Key(EmailKind.Nudge, rx.Id, nudgeDay), DueAt = now.AddMinutes(-2), CreatedAt = now,
            });
            await s.Db.SaveChangesAsync();
        }
        await factory.DueReminderAsync(rx, now, day);
        await LogAsync(rx, day, 1);
        await LogAsync(rx, day.AddDays(-1), 1);

        await SendAsync(now);

        var mail = Assert.Single(factory.MailTo(patient.Email!));
        Assert.StartsWith("Time for your exercises", mail.Headers["Subject"], StringComparison.Ordinal);
        var rows = await factory.RowsAsync(patient.Id);
        Assert.Equal(EmailState.Cancelled, Assert.Single(rows, r => r.Kind == EmailKind.Nudge).State);
        await factory.CancelPendingAsync(patient.Id);
    }
}
