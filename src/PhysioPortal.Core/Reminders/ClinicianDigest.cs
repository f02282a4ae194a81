using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The weekly digest to a clinician: their slipping patients, by the same rule and window as their home page
/// (<see cref="SlippingPatients"/>). Nothing to report means no email (the row is cancelled).
/// </summary>
public sealed class ClinicianDigest(PortalDbContext db, TimeProvider clock, ReminderOptions options)
{
    public const string NothingToReport = "Cancelled: nothing to report this week (no patient is slipping).";

    public async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var slipping = await new SlippingPatients(db, clock).ForClinicianAsync(row.ClinicianUserId!, ct);
        if (slipping.Count == 0) return null;
        var rows = slipping.Select(p => new DigestRow(p.Name, p.Routine, p.Week, p.Pain, options.PortalUrl($"clinic/patients/{p.PatientId}"))).ToList();
        var weekOf = row.LocalDate ?? LocalDates.UtcToday(clock.GetUtcNow());
        var composed = EmailComposer.Digest(new DigestModel(c.Clinic!.Name, c.Clinician!.Value.DisplayName, weekOf, rows, options.PortalUrl("clinic")));
        return new OutgoingEmail(c.Clinician.Value.Email!, c.Clinician.Value.DisplayName, composed.Subject, composed.Text, composed.Html);
    }
}
