using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The weekly digest to a clinician: their patients under 50 % over the 7 days before the digest's day, each in their
/// own time zone. Nothing to report means no email (the row is cancelled).
/// </summary>
public sealed class ClinicianDigest(PortalDbContext db, TimeProvider clock, ReminderOptions options)
{
    public async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var digest = await DigestAsync(row, c, ct);
        if (digest is null) return null;
        var composed = EmailComposer.Digest(digest);
        return new OutgoingEmail(c.Clinician!.Value.Email!, c.Clinician.Value.DisplayName, composed.Subject, composed.Text, composed.Html);
    }

    private async Task<DigestModel?> DigestAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var active = await db.Prescriptions.AsNoTracking()
            .Where(p => p.ClinicId == row.ClinicId && p.ClinicianUserId == row.ClinicianUserId && p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null)
            .Select(p => new
            {
                p.Id,
                p.PatientId,
                Name = p.Patient!.FirstName + " " + p.Patient.LastName,
                p.Patient.TimeZoneId,
                Version = p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new { v.Title, v.Days, v.SessionsPerDay, v.StartDate, v.Weeks }).First(),
            })
            .ToListAsync(ct);
        if (active.Count == 0) return null;
        var ids = active.Select(a => a.Id).ToList();
        var earliest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-9);
        var logs = (await db.SessionLogs.AsNoTracking()
                .Where(l => ids.Contains(l.PrescriptionId) && l.LocalDate >= earliest)
                .Select(l => new { l.PrescriptionId, l.LocalDate, l.Session, l.PainBefore, l.PainAfter })
                .ToListAsync(ct))
            .ToLookup(l => l.PrescriptionId, l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter));
        var rows = new List<DigestRow>();
        foreach (var a in active)
        {
            var v = a.Version;
            var schedule = new PatientSchedule(v.Days, v.SessionsPerDay, v.StartDate, v.StartDate.AddDays(v.Weeks * 7 - 1));
            // The 7 days up to yesterday: today has only begun.
            var yesterday = PatientSchedule.LocalToday(a.TimeZoneId, now).AddDays(-1);
            var week = AdherenceCalculator.Over(schedule, logs[a.Id], yesterday, 7);
            if (week.Ratio is < 0.5)
                rows.Add(new DigestRow(a.Name, v.Title, week, options.PortalUrl($"clinic/patients/{a.PatientId}")));
        }
        if (rows.Count == 0) return null;
        rows.Sort((x, y) => (x.Week.Ratio ?? 0).CompareTo(y.Week.Ratio ?? 0) is var byRatio && byRatio != 0
            ? byRatio : string.Compare(x.PatientName, y.PatientName, StringComparison.CurrentCulture));
        return new DigestModel(c.Clinic!.Name, c.Clinician!.Value.DisplayName, row.LocalDate ?? DateOnly.FromDateTime(now.UtcDateTime), rows, options.PortalUrl("clinic"));
    }
}
