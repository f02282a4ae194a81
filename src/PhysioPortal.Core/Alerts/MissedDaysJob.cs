using Hangfire;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Alerts;

/// <summary>
/// The nightly look for routines with <see cref="AlertRules.MissedDaysInARow"/> scheduled days in a row without a
/// log, in each patient's own time zone and only for days that have ended. Idempotent: one alert per run of missed
/// days (its key), so running it twice or hourly raises nothing new. It works across clinics (<see cref="AllClinicsDb"/>).
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class MissedDaysJob(AllClinicsDb allClinics, TimeProvider clock)
{
    private readonly PortalDbContext db = allClinics.Db;

    public const string RecurringId = "alerts-missed-days";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Prescriptions.AsNoTracking()
            .Where(p => p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null)
            .Select(p => new
            {
                p.Id,
                p.ClinicId,
                p.PatientId,
                p.ClinicianUserId,
                p.Patient!.TimeZoneId,
                Version = p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new { v.Days, v.SessionsPerDay, v.StartDate, v.Weeks, v.CreatedAt }).FirstOrDefault(),
                LastLog = db.SessionLogs.Where(l => l.PrescriptionId == p.Id).Max(l => (DateOnly?)l.LocalDate),
            })
            .ToListAsync(ct);
        var candidates = new List<(AlertRaiser.Target Target, RaisedAlert Alert)>();
        foreach (var p in rows)
        {
            if (p.Version is not { } v) continue;
            var zone = EmailSchedule.Zone(p.TimeZoneId);
            var schedule = PatientSchedule.Of(v.Days, v.SessionsPerDay, v.StartDate, v.Weeks);
            var today = EmailSchedule.LocalDate(now, zone);
            if (today > schedule.EndDate.AddDays(1)) continue;
            var trackedSince = EmailSchedule.LocalDate(v.CreatedAt, zone);
            if (AlertRules.MissedDays(p.Id, schedule, p.LastLog, trackedSince, today) is { } alert)
                candidates.Add((new AlertRaiser.Target(p.ClinicId, p.PatientId, p.Id, p.ClinicianUserId), alert));
        }
        if (candidates.Count == 0) return 0;
        var keys = candidates.Select(c => c.Alert.UniqueKey).ToList();
        var known = (await db.Alerts.Where(a => keys.Contains(a.UniqueKey)).Select(a => a.UniqueKey).ToListAsync(ct)).ToHashSet();
        var raiser = new AlertRaiser(db, clock);
        var added = 0;
        foreach (var (target, alert) in candidates.Where(c => !known.Contains(c.Alert.UniqueKey)))
        {
            added += (await raiser.AddAsync(target, [alert], ct)).Count;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
