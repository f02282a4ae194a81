using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The weekly digest to a clinician: their slipping patients, by the same rule and window as their home page
/// (<see cref="SlippingPatients"/>), and the week's alerts that are not urgent, per patient (<see cref="WeekAlertsAsync"/>).
/// Nothing to report means no email (the row is cancelled). It carries an unsubscribe link bound to the clinician's
/// account (<see cref="DigestSubscription"/>).
/// </summary>
public sealed class ClinicianDigest(PortalDbContext db, TimeProvider clock, ReminderOptions options, DigestLinks? links)
{
    public const string NothingToReport = "Cancelled: nothing to report this week (no patient is slipping, no alert).";

    /// <summary>Alerts listed in one digest at most; the rest are counted and left to the inbox.</summary>
    public const int MaxAlertsListed = 100;

    public async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var weekOf = row.LocalDate ?? LocalDates.UtcToday(clock.GetUtcNow());
        var slipping = await new SlippingPatients(db, clock).ForClinicianAsync(row.ClinicianUserId!, ct);
        var (alerts, more) = await WeekAlertsAsync(row.ClinicId, row.ClinicianUserId!, c.Clinic!.TimeZoneId, weekOf, ct);
        if (slipping.Count == 0 && alerts.Count == 0) return null;
        var rows = slipping.Select(p => new DigestRow(p.Name, p.Routine, p.Week, p.Pain, options.PortalUrl($"clinic/patients/{p.PatientId}"))).ToList();
        // Without links (a sender made by hand, outside the portal's services) the digest goes without its unsubscribe link.
        var unsubscribe = links is null ? null : options.PortalUrl($"unsubscribe/digest/{links.TokenFor(row.ClinicianUserId!)}");
        var composed = EmailComposer.Digest(new DigestModel(c.Clinic.Name, c.Clinician!.Value.DisplayName, weekOf, rows, options.PortalUrl("clinic"))
        {
            UnsubscribeUrl = unsubscribe,
            Alerts = alerts,
            MoreAlerts = more,
        });
        return new OutgoingEmail(c.Clinician.Value.Email!, c.Clinician.Value.DisplayName, composed.Subject, composed.Text, composed.Html)
        {
            // RFC 2369 / RFC 8058, as on the patients' emails: the mail program's unsubscribe button posts to the link.
            Headers = unsubscribe is null ? new Dictionary<string, string>() : new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    /// <summary>
    /// The digest's week in the clinic's zone: from the previous digest's time (Monday 08:00 a week before) to this
    /// one's, so each alert is in exactly one digest, even when a digest goes out late.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Week(DateOnly weekOf, string clinicTimeZoneId)
    {
        var zone = EmailSchedule.Zone(clinicTimeZoneId);
        return (EmailSchedule.At(weekOf.AddDays(-7), EmailSchedule.DigestTime, zone), EmailSchedule.At(weekOf, EmailSchedule.DigestTime, zone));
    }

    /// <summary>
    /// The clinician's alerts raised in the digest's week, except the urgent ones (emailed at once), of patients still
    /// in care, per patient (most alerts first), oldest first within a patient; and how many more there were.
    /// </summary>
    public async Task<(IReadOnlyList<DigestAlertGroup> Groups, int More)> WeekAlertsAsync(Guid clinicId, string clinicianUserId, string clinicTimeZoneId,
        DateOnly weekOf, CancellationToken ct)
    {
        var (from, to) = Week(weekOf, clinicTimeZoneId);
        var zone = EmailSchedule.Zone(clinicTimeZoneId);
        var week = db.Alerts.AsNoTracking()
            .Where(a => a.ClinicId == clinicId && a.ClinicianUserId == clinicianUserId && !Alert.UrgentKinds.Contains(a.Kind)
                        && a.RaisedAt >= from && a.RaisedAt < to)
            .Join(db.Patients.Where(p => p.ArchivedAt == null), a => a.PatientId, p => p.Id,
                (a, p) => new { a.Id, a.PatientId, a.Kind, a.State, a.Summary, a.RaisedAt, p.FirstName, p.LastName });
        var total = await week.CountAsync(ct);
        if (total == 0) return ([], 0);
        var listed = await week.OrderBy(a => a.RaisedAt).Take(MaxAlertsListed).ToListAsync(ct);
        var groups = listed.GroupBy(a => a.PatientId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().LastName, StringComparer.CurrentCulture).ThenBy(g => g.First().FirstName, StringComparer.CurrentCulture)
            .Select(g => new DigestAlertGroup($"{g.First().FirstName} {g.First().LastName}", g.Select(a => new DigestAlert(
                AlertText.Kind(a.Kind), AlertText.State(a.State), a.Summary, EmailSchedule.LocalDate(a.RaisedAt, zone),
                options.PortalUrl($"clinic/alerts/{a.Id}"))).ToList()))
            .ToList();
        return (groups, total - listed.Count);
    }
}
