using System.Net;
using System.Net.Sockets;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Prescriptions, rows, senders and planners for the email tests.</summary>
public static class ReminderTestData
{
    public static IOptions<ReminderOptions> Options(Action<ReminderOptions>? configure = null)
    {
        var o = new ReminderOptions { PublicUrl = "http://localhost", FirstRetryDelay = TimeSpan.FromMinutes(1) };
        configure?.Invoke(o);
        return Microsoft.Extensions.Options.Options.Create(o);
    }

    public static SmtpMailer Mailer(int port) => new(Microsoft.Extensions.Options.Options.Create(new EmailOptions
    {
        SmtpHost = "127.0.0.1",
        SmtpPort = port,
        FromAddress = "no-reply@physioportal.test",
        TimeoutSeconds = 10,
    }), NullLogger<SmtpMailer>.Instance);

    public static EmailSender Sender(AllClinicsDb db, int smtpPort, TimeProvider clock, Action<ReminderOptions>? configure = null) =>
        new(db, Mailer(smtpPort), clock, Options(configure));

    public static EmailPlanner Planner(AllClinicsDb db, TimeProvider clock) => new(db, clock, Options());

    /// <summary>A TCP port on loopback that nothing listens on (an SMTP server that is down).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>An active prescription (one version, no exercises) stored directly, for sender tests.</summary>
    public static async Task<Prescription> PrescriptionAsync(this PortalFactory factory, Guid clinicId, Guid patientId,
        DateOnly start, TimeOnly reminderTime, DaysOfWeek days = DaysOfWeek.Every, int weeks = 4)
    {
        await using var s = factory.SystemDb();
        var clinician = "clinician-" + TestData.Unique();
        var (rx, _) = PrescriptionFromTemplate.FromExercises("Back routine", [], clinicId, patientId, clinician, "Dr Test",
            start, reminderTime, DateTimeOffset.UtcNow, days, weeks);
        s.Db.Prescriptions.Add(rx);
        await s.Db.SaveChangesAsync();
        return rx;
    }

    /// <summary>A pending reminder row that is due now (a minute ago by <paramref name="now"/>).</summary>
    public static async Task<ScheduledEmail> DueReminderAsync(this PortalFactory factory, Prescription rx, DateTimeOffset now, DateOnly? day = null)
    {
        await using var s = factory.SystemDb();
        var date = day ?? DateOnly.FromDateTime(now.UtcDateTime);
        var row = new ScheduledEmail
        {
            Id = Guid.NewGuid(),
            ClinicId = rx.ClinicId,
            Kind = EmailKind.Reminder,
            PatientId = rx.PatientId,
            PrescriptionId = rx.Id,
            LocalDate = date,
            UniqueKey = EmailSchedule.Key(EmailKind.Reminder, rx.Id, date),
            DueAt = now.AddMinutes(-1),
            CreatedAt = now,
        };
        s.Db.ScheduledEmails.Add(row);
        await s.Db.SaveChangesAsync();
        return row;
    }

    /// <summary>A patient (consenting, with an address) with an active daily prescription started today and one due reminder.</summary>
    public static async Task<(Core.Patients.Patient Patient, Prescription Rx, ScheduledEmail Row)> PatientWithDueReminderAsync(
        this PortalFactory factory, Guid clinicId, DateTimeOffset now)
    {
        var patient = await factory.PatientAsync(clinicId);
        var rx = await factory.PrescriptionAsync(clinicId, patient.Id, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), new TimeOnly(8, 0));
        var row = await factory.DueReminderAsync(rx, now);
        return (patient, rx, row);
    }

    public static async Task<List<ScheduledEmail>> RowsAsync(this PortalFactory factory, Guid? patientId = null, Guid? prescriptionId = null)
    {
        await using var s = factory.SystemDb();
        return await s.Db.ScheduledEmails.AsNoTracking()
            .Where(e => (patientId == null || e.PatientId == patientId) && (prescriptionId == null || e.PrescriptionId == prescriptionId))
            .OrderBy(e => e.DueAt).ThenBy(e => e.UniqueKey)
            .ToListAsync();
    }

    /// <summary>Cancels a test's leftover pending rows, so later senders on the shared database leave them alone.</summary>
    public static async Task CancelPendingAsync(this PortalFactory factory, Guid patientId)
    {
        await using var s = factory.SystemDb();
        await s.Db.ScheduledEmails.Where(e => e.PatientId == patientId && e.State == EmailState.Pending)
            .ExecuteUpdateAsync(x => x.SetProperty(e => e.State, EmailState.Cancelled));
    }

    /// <summary>Polls until the condition holds or the timeout passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }
}

/// <summary>An IBackgroundJobClient that records what would be enqueued.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Enqueued { get; } = [];

    public string Create(Job job, IState state)
    {
        Enqueued.Add(job);
        return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
