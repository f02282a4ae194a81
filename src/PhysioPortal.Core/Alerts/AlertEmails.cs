using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Alerts;

/// <summary>
/// The email a clinician gets at once when a patient's note names a warning sign: who and which sign, and a link to
/// the alert (the note itself stays behind sign-in). The alert gone (the patient erased): no email.
/// </summary>
public sealed class AlertEmails(PortalDbContext db, ReminderOptions options)
{
    public async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == row.AlertId)
            .Select(a => new { a.Id, a.Summary, Name = db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.FirstName + " " + p.LastName).First() })
            .FirstOrDefaultAsync(ct);
        if (alert is null) return null;
        var composed = EmailComposer.ClinicianAlert(new AlertEmailModel(c.Clinic!.Name, c.Clinician!.Value.DisplayName, alert.Name, alert.Summary,
            options.PortalUrl($"clinic/alerts/{alert.Id}")));
        return new OutgoingEmail(c.Clinician.Value.Email!, c.Clinician.Value.DisplayName, composed.Subject, composed.Text, composed.Html);
    }
}
