using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Adherence;

/// <summary>A patient who needs a look: adherence over the last 7 days, and how pain moved since the first log.</summary>
public sealed record SlippingPatient(Guid PatientId, string Name, string Routine, Adherence Week, PainTrend Pain)
{
    public bool LowAdherence => Week.Ratio < 0.5;
}

/// <summary>
/// Finds a clinician's patients who are slipping: under 50 % adherence over 7 days, or pain up by 2 points or more.
/// Set-based: three queries whatever the number of patients.
/// </summary>
public sealed class SlippingPatients(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SlippingPatient>> ForClinicianAsync(string clinicianUserId, CancellationToken ct = default)
    {
        var active = await db.Prescriptions.AsNoTracking()
            .Where(p => p.Status == PrescriptionStatus.Active && p.ClinicianUserId == clinicianUserId && p.Patient!.ArchivedAt == null)
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
        if (active.Count == 0) return [];
        var ids = active.Select(a => a.Id).ToList();
        var now = clock.GetUtcNow();
        var earliest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-8);

        var recent = (await db.SessionLogs.AsNoTracking()
                .Where(l => ids.Contains(l.PrescriptionId) && l.LocalDate >= earliest)
                .Select(l => new { l.PrescriptionId, l.LocalDate, l.Session, l.PainBefore, l.PainAfter })
                .ToListAsync(ct))
            .ToLookup(l => l.PrescriptionId, l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter));

        // First and latest pain score per prescription, computed by PostgreSQL in one pass. The ids come from the
        // clinic-scoped query above, so this raw SQL reads only this clinic's logs.
        var pain = (await db.Database.SqlQuery<PainRow>($"""
                SELECT "PrescriptionId",
                       (array_agg(COALESCE("PainBefore", "PainAfter") ORDER BY "LocalDate", "Session"))[1] AS "First",
                       (array_agg(COALESCE("PainBefore", "PainAfter") ORDER BY "LocalDate" DESC, "Session" DESC))[1] AS "Latest"
                FROM "SessionLogs"
                WHERE "PrescriptionId" = ANY({ids}) AND COALESCE("PainBefore", "PainAfter") IS NOT NULL
                GROUP BY "PrescriptionId"
                """).ToListAsync(ct))
            .ToDictionary(r => r.PrescriptionId);

        var result = new List<SlippingPatient>();
        foreach (var a in active)
        {
            var v = a.Version;
            var schedule = new PatientSchedule(v.Days, v.SessionsPerDay, v.StartDate, v.StartDate.AddDays(v.Weeks * 7 - 1));
            var today = PatientSchedule.LocalToday(a.TimeZoneId, now);
            var week = AdherenceCalculator.Over(schedule, recent[a.Id], today, 7);
            var trend = pain.TryGetValue(a.Id, out var p) ? new PainTrend(p.First, p.Latest) : new PainTrend(null, null);
            var row = new SlippingPatient(a.PatientId, a.Name, v.Title, week, trend);
            if (row.LowAdherence || trend.IsWorse) result.Add(row);
        }
        // Worst first: pain rise weighs like missed sessions; then lowest adherence.
        return result
            .OrderByDescending(r => (r.Pain.Change ?? 0) / 10.0 + (1 - (r.Week.Ratio ?? 1)))
            .ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private sealed record PainRow(Guid PrescriptionId, int? First, int? Latest);
}
