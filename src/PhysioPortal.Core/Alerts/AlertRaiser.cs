using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Alerts;

/// <summary>
/// Adds the alerts a rule raised to the context (the caller saves: a session log and its alerts go in one
/// transaction). Deduplicated: an alert whose key exists is not added again, and a rising-pain alert is not added
/// while another one of the same prescription is still open or seen. An urgent alert also gets its email row.
/// </summary>
public sealed class AlertRaiser(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Who the alert is about and whose inbox it goes to.</summary>
    public sealed record Target(Guid ClinicId, Guid PatientId, Guid? PrescriptionId, string ClinicianUserId);

    /// <summary>Tracks the new alerts (not saved). Returns the ones added.</summary>
    public async Task<IReadOnlyList<Alert>> AddAsync(Target target, IReadOnlyList<RaisedAlert> raised, CancellationToken ct = default)
    {
        if (raised.Count == 0) return [];
        var keys = raised.Select(r => r.UniqueKey).ToList();
        var known = await db.Alerts.AsNoTracking()
            .Where(a => keys.Contains(a.UniqueKey)
                        || (a.PrescriptionId == target.PrescriptionId && a.Kind == AlertKind.PainRising && a.State != AlertState.Resolved))
            .Select(a => new { a.UniqueKey, a.Kind, a.State })
            .ToListAsync(ct);
        var openRising = known.Any(k => k.Kind == AlertKind.PainRising && k.State != AlertState.Resolved);
        var now = clock.GetUtcNow();
        var added = new List<Alert>();
        foreach (var r in raised)
        {
            if (known.Any(k => k.UniqueKey == r.UniqueKey) || (r.Kind == AlertKind.PainRising && openRising)) continue;
            var alert = new Alert
            {
                Id = Guid.NewGuid(),
                ClinicId = target.ClinicId,
                PatientId = target.PatientId,
                PrescriptionId = target.PrescriptionId,
                SessionLogId = r.SessionLogId,
                ClinicianUserId = target.ClinicianUserId,
                Kind = r.Kind,
                UniqueKey = r.UniqueKey,
                Summary = r.Summary,
                Matched = [.. r.Matched],
                RaisedAt = now,
            };
            db.Alerts.Add(alert);
            added.Add(alert);
            if (Alert.IsUrgent(r.Kind) && target.ClinicianUserId != "")
            {
                db.ScheduledEmails.Add(new ScheduledEmail
                {
                    Id = Guid.NewGuid(),
                    ClinicId = target.ClinicId,
                    Kind = EmailKind.ClinicianAlert,
                    ClinicianUserId = target.ClinicianUserId,
                    AlertId = alert.Id,
                    UniqueKey = $"alert:{alert.Id}",
                    DueAt = now,
                    CreatedAt = now,
                });
            }
        }
        return added;
    }

    /// <summary>The alerts of one arriving log (added to the context, not saved).</summary>
    public async Task<IReadOnlyList<Alert>> ForLogAsync(ActiveRoutine routine, SessionLog log, CancellationToken ct = default)
    {
        var others = await db.SessionLogs.AsNoTracking()
            .Where(l => l.PrescriptionId == routine.Prescription.Id && l.Id != log.Id)
            .Select(l => new LogFacts(l.Id, l.LocalDate, l.Session, l.PainBefore, l.PainAfter, l.Difficulty, null))
            .ToListAsync(ct);
        var facts = new LogFacts(log.Id, log.LocalDate, log.Session, log.PainBefore, log.PainAfter, log.Difficulty, log.Note);
        var raised = AlertRules.ForLog(facts, [.. others, facts], routine.Version.StartDate);
        return await AddAsync(new Target(routine.Patient.ClinicId, routine.Patient.Id, routine.Prescription.Id, routine.Prescription.ClinicianUserId), raised, ct);
    }
}
