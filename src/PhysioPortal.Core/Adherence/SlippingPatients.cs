using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Adherence;

/// <summary>A patient who needs a look: adherence over the last 7 days, and how pain moved since the first log.</summary>
public sealed record SlippingPatient(Guid PatientId, string Name, string Routine, Adherence Week, PainTrend Pain, bool JustStarted = false)
{
    /// <summary>Under 50 % over the 7 days (today only for what is logged); never while the routine has just started.</summary>
    public bool LowAdherence => !JustStarted && Week.Ratio < 0.5;

    /// <summary>What the adherence column says.</summary>
    public string WeekText => JustStarted ? "just started" : Week.Text;
}

/// <summary>A clinician's active prescriptions (of current patients) and the patients slipping among them.</summary>
public sealed record ClinicianCaseload(int ActiveCount, IReadOnlyList<SlippingPatient> Slipping)
{
    /// <summary>Patients whose routine has had fewer than 2 scheduled days so far: not judged yet.</summary>
    public IReadOnlySet<Guid> JustStarted { get; init; } = new HashSet<Guid>();

    /// <summary>"Today" in each time zone of the caseload when it was computed: it holds until one of them turns over.</summary>
    public IReadOnlyDictionary<string, DateOnly> Todays { get; init; } = new Dictionary<string, DateOnly>();
}

/// <summary>
/// Finds a clinician's patients who are slipping (<see cref="Rule"/>): the one rule, for the clinician's home page and
/// their weekly digest. Set-based: three queries whatever the number of patients.
/// </summary>
public sealed class SlippingPatients(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The rule in plain words: the 7 days end today in each patient's own time zone.</summary>
    public const string Rule = "Under 50 % of their sessions in the last 7 days, or pain up by 2 points or more since their first log.";

    public async Task<IReadOnlyList<SlippingPatient>> ForClinicianAsync(string clinicianUserId, CancellationToken ct = default) =>
        (await CaseloadAsync(clinicianUserId, ct)).Slipping;

    /// <summary>The clinician's active prescriptions of current patients: how many, and who among them is slipping.</summary>
    public async Task<ClinicianCaseload> CaseloadAsync(string clinicianUserId, CancellationToken ct = default)
    {
        // The current version by a join on (PrescriptionId, Number), its unique index: a First() in the projection
        // becomes a ROW_NUMBER() over every version of every prescription (47 ms at 50 000 prescriptions).
        var active = await (
                from p in db.Prescriptions.AsNoTracking()
                where p.Status == PrescriptionStatus.Active && p.ClinicianUserId == clinicianUserId && p.Patient!.ArchivedAt == null
                join v in db.PrescriptionVersions.AsNoTracking()
                    on new { PrescriptionId = p.Id, Number = p.CurrentVersionNumber } equals new { v.PrescriptionId, v.Number }
                select new
                {
                    p.Id,
                    p.PatientId,
                    Name = p.Patient!.FirstName + " " + p.Patient.LastName,
                    p.Patient.TimeZoneId,
                    Version = new { v.Title, v.Days, v.SessionsPerDay, v.StartDate, v.Weeks },
                })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        if (active.Count == 0) return new ClinicianCaseload(0, []);
        var ids = active.Select(a => a.Id).ToList();
        var earliest = LocalDates.UtcToday(now).AddDays(-8); // 7 days back from any time zone's today, with slack

        var recent = (await db.SessionLogs.AsNoTracking()
                .Where(l => ids.Contains(l.PrescriptionId) && l.LocalDate >= earliest)
                .Select(l => new { l.PrescriptionId, l.LocalDate, l.Session, l.PainBefore, l.PainAfter })
                .ToListAsync(ct))
            .ToLookup(l => l.PrescriptionId, l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter));

        // First and latest pain score per prescription: two short walks of the (PrescriptionId, LocalDate, Session)
        // index per prescription, from each end, instead of aggregating every log of every prescription (2 000
        // prescriptions with 100 000 logs: 18 ms instead of 190 ms). The ids come from the clinic-scoped query above,
        // so this raw SQL reads only this clinic's logs.
        var pain = (await db.Database.SqlQuery<PainRow>($"""
                SELECT r.id AS "PrescriptionId", f.pain AS "First", l.pain AS "Latest"
                FROM unnest({ids}) AS r(id)
                CROSS JOIN LATERAL (
                    SELECT COALESCE(s."PainBefore", s."PainAfter") AS pain FROM "SessionLogs" AS s
                    WHERE s."PrescriptionId" = r.id AND COALESCE(s."PainBefore", s."PainAfter") IS NOT NULL
                    ORDER BY s."LocalDate", s."Session" LIMIT 1) AS f
                CROSS JOIN LATERAL (
                    SELECT COALESCE(s."PainBefore", s."PainAfter") AS pain FROM "SessionLogs" AS s
                    WHERE s."PrescriptionId" = r.id AND COALESCE(s."PainBefore", s."PainAfter") IS NOT NULL
                    ORDER BY s."LocalDate" DESC, s."Session" DESC LIMIT 1) AS l
                """).ToListAsync(ct))
            .ToDictionary(r => r.PrescriptionId);

        var result = new List<SlippingPatient>();
        var justStarted = new HashSet<Guid>();
        var todays = new Dictionary<string, DateOnly>();
        foreach (var a in active)
        {
            var v = a.Version;
            var schedule = PatientSchedule.Of(v.Days, v.SessionsPerDay, v.StartDate, v.Weeks);
            if (!todays.TryGetValue(a.TimeZoneId, out var today)) todays[a.TimeZoneId] = today = LocalDates.PatientToday(a.TimeZoneId, now);
            var week = AdherenceCalculator.OverEndedDays(schedule, recent[a.Id], today, 7);
            var trend = pain.TryGetValue(a.Id, out var p) ? new PainTrend(p.First, p.Latest) : new PainTrend(null, null);
            var started = AdherenceCalculator.JustStarted(schedule, today);
            if (started) justStarted.Add(a.PatientId);
            var row = new SlippingPatient(a.PatientId, a.Name, v.Title, week, trend, started);
            if (row.LowAdherence || trend.IsWorse) result.Add(row);
        }
        // Worst first: pain rise weighs like missed sessions; then lowest adherence.
        return new ClinicianCaseload(active.Count, result
            .OrderByDescending(r => (r.Pain.Change ?? 0) / 10.0 + (r.JustStarted ? 0 : 1 - (r.Week.Ratio ?? 1)))
            .ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList()) { JustStarted = justStarted, Todays = todays };
    }

    private sealed record PainRow(Guid PrescriptionId, int? First, int? Latest);
}
