using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The weekly digest to a clinician: their slipping patients, by the same rule and window as their home page
/// (<see cref="SlippingPatients"/>). Nothing to report means no email (the row is cancelled). It carries an unsubscribe
/// link bound to the clinician's account (<see cref="DigestSubscription"/>).
/// </summary>
public sealed class ClinicianDigest(PortalDbContext db, TimeProvider clock, ReminderOptions options, DigestLinks? links)
{
    public const string NothingToReport = "Cancelled: nothing to report this week (no patient is slipping).";

    public async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var slipping = await new SlippingPatients(db, clock).ForClinicianAsync(row.ClinicianUserId!, ct);
        if (slipping.Count == 0) return null;
        var rows = slipping.Select(p => new DigestRow(p.Name, p.Routine, p.Week, p.Pain, options.PortalUrl($"clinic/patients/{p.PatientId}"))).ToList();
        var weekOf = row.LocalDate ?? LocalDates.UtcToday(clock.GetUtcNow());
        // Without links (a sender made by hand, outside the portal's services) the digest goes without its unsubscribe link.
        var unsubscribe = links is null ? null : options.PortalUrl($"unsubscribe/digest/{links.TokenFor(row.ClinicianUserId!)}");
        var composed = EmailComposer.Digest(new DigestModel(c.Clinic!.Name, c.Clinician!.Value.DisplayName, weekOf, rows, options.PortalUrl("clinic"))
        {
            UnsubscribeUrl = unsubscribe,
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
}
