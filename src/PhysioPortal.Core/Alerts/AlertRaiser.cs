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

    /// <summary>
    /// The day's log (to update) and the logs the rules look at, in one statement, bounded however long the routine has
    /// run: the first week's logs (the pain baseline), the last <see cref="AlertRules.RecentLogs"/> + 1 logs with a pain
    /// score (the arriving log may be one of them, with its old values), and the log just before the arriving one (too
    /// hard twice in a row). <see cref="AlertRules.ForLog"/> gives the same answer from these as from every log of the
    /// prescription. Not tracked: the caller attaches the day's log if it updates it. The same log may come twice.
    /// </summary>
    public static IQueryable<SessionLog> LogsForRules(PortalDbContext db, Guid prescriptionId, DateOnly startDate, DateOnly date, int session)
    {
        var logs = db.SessionLogs.AsNoTracking().Where(l => l.PrescriptionId == prescriptionId);
        var weekEnd = startDate.AddDays(6);
        var firstWeek = logs.Where(l => l.LocalDate <= weekEnd);
        var recentPain = logs.Where(l => l.PainBefore != null)
            .OrderByDescending(l => l.LocalDate).ThenByDescending(l => l.Session).Take(AlertRules.RecentLogs + 1);
        var previous = logs.Where(l => l.LocalDate < date || (l.LocalDate == date && l.Session < session))
            .OrderByDescending(l => l.LocalDate).ThenByDescending(l => l.Session).Take(1);
        var today = logs.Where(l => l.LocalDate == date && l.Session == session);
        return today.Concat(firstWeek).Concat(recentPain).Concat(previous);
    }

    /// <summary>
    /// The alerts of one arriving log (added to the context, not saved), given the other logs the rules look at
    /// (<see cref="LogsForRules"/>; every log of the prescription gives the same answer).
    /// </summary>
    public Task<IReadOnlyList<Alert>> ForLogAsync(ActiveRoutine routine, SessionLog log, IEnumerable<SessionLog> others, CancellationToken ct = default)
    {
        var facts = new LogFacts(log.Id, log.LocalDate, log.Session, log.PainBefore, log.PainAfter, log.Difficulty, log.Note);
        var all = others.Where(l => l.Id != log.Id).DistinctBy(l => l.Id)
            .Select(l => new LogFacts(l.Id, l.LocalDate, l.Session, l.PainBefore, l.PainAfter, l.Difficulty, null))
            .Append(facts).ToList();
        var raised = AlertRules.ForLog(facts, all, routine.Version.StartDate);
        return raised.Count == 0
            ? Task.FromResult<IReadOnlyList<Alert>>([])
            : AddAsync(new Target(routine.Patient.ClinicId, routine.Patient.Id, routine.Prescription.Id, routine.Prescription.ClinicianUserId), raised, ct);
    }
}
