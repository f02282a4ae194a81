using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Adherence;

/// <summary>What the patient says about one session.</summary>
public sealed record SessionReport(IReadOnlyList<Guid> ExercisesDone, int? PainBefore, int? PainAfter, Difficulty? Difficulty, string? Note);

/// <summary>The patient's active routine as of today in their time zone.</summary>
public sealed record ActiveRoutine(Patient Patient, Prescription Prescription, PrescriptionVersion Version, DateOnly Today)
{
    public PatientSchedule Schedule => Version.Schedule;
}

/// <summary>
/// Records session logs: one per prescription, local date and session; logging again updates. A patient may log a
/// missed day up to 7 days back, never the future, and only days of the routine.
/// </summary>
public sealed class SessionLogger(PortalDbContext db, TimeProvider clock, IBackgroundJobClient? jobs = null)
{
    public const int DaysBack = 7;
    public const int MaxNote = 2000;

    /// <summary>The patient's active routine (newest version), or null. Reads through the clinic-scoped context.</summary>
    /// <remarks>
    /// One statement (every patient page and every session log starts here): the current version by a join on its
    /// unique (PrescriptionId, Number) index, and its exercises in order.
    /// </remarks>
    public async Task<ActiveRoutine?> RoutineAsync(Guid patientId, CancellationToken ct = default)
    {
        var row = await (
                from p in db.Prescriptions.AsNoTracking()
                where p.PatientId == patientId && p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null
                join v in db.PrescriptionVersions.AsNoTracking()
                    on new { PrescriptionId = p.Id, Number = p.CurrentVersionNumber } equals new { v.PrescriptionId, v.Number }
                select new { Prescription = p, Patient = p.Patient!, Version = v, Exercises = v.Exercises.OrderBy(e => e.Position).ToList() })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        row.Version.Exercises = row.Exercises;
        return new ActiveRoutine(row.Patient, row.Prescription, row.Version, LocalDates.PatientToday(row.Patient.TimeZoneId, clock.GetUtcNow()));
    }

    public Task<List<LoggedSession>> LogsAsync(Guid prescriptionId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        db.SessionLogs.AsNoTracking()
            .Where(l => l.PrescriptionId == prescriptionId && l.LocalDate >= from && l.LocalDate <= to)
            .OrderBy(l => l.LocalDate).ThenBy(l => l.Session)
            .Select(l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter))
            .ToListAsync(ct);

    /// <summary>Problems with a report for a date, keyed by field.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(ActiveRoutine routine, DateOnly date, int session, SessionReport report)
    {
        if (date > routine.Today) yield return ("Date", "You can't log a day that hasn't happened yet.");
        else if (date < routine.Today.AddDays(-DaysBack)) yield return ("Date", $"You can log a missed day up to {DaysBack} days back.");
        else if (date < routine.Version.StartDate || date > routine.Version.EndDate)
            yield return ("Date", $"Your routine runs from {routine.Version.StartDate:d MMMM} to {routine.Version.EndDate:d MMMM}.");
        if (session < 1 || session > routine.Version.SessionsPerDay)
            yield return ("Session", routine.Version.SessionsPerDay == 1 ? "Your routine has one session a day." : $"Choose session 1 to {routine.Version.SessionsPerDay}.");
        if (report.PainBefore is < 0 or > 10) yield return ("PainBefore", "Choose a pain score from 0 to 10.");
        if (report.PainAfter is < 0 or > 10) yield return ("PainAfter", "Choose a pain score from 0 to 10.");
        if (report.Difficulty is { } d && !Enum.IsDefined(d)) yield return ("Difficulty", "Choose how hard it felt.");
        if (report.Note?.Length > MaxNote) yield return ("Note", $"Keep the note under {MaxNote} characters.");
        var known = routine.Version.Exercises.Select(e => e.ExerciseId).ToHashSet();
        if (report.ExercisesDone.Any(id => !known.Contains(id))) yield return ("ExercisesDone", "Choose exercises from your routine.");
    }

    /// <summary>The "field" of the problem <see cref="LogAsync"/> reports when <c>onlyIfNew</c> and the session is already logged.</summary>
    public const string AlreadyLogged = "AlreadyLogged";

    /// <summary>Creates or updates the log. Returns the problems instead when the report is refused (nothing saved).</summary>
    /// <param name="raiseAlerts">False only for the bench's yardstick (the same request without the alert rules).</param>
    public async Task<IReadOnlyList<(string Field, string Message)>> LogAsync(ActiveRoutine routine, DateOnly date, int session,
        SessionReport report, LogSource source, CancellationToken ct = default, bool onlyIfNew = false, bool raiseAlerts = true)
    {
        var problems = Validate(routine, date, session, report).ToList();
        if (problems.Count > 0) return problems;
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            // The day's log and the logs the alert rules read come in one statement, untracked; the day's log is
            // attached to be updated.
            List<SessionLog> read = [];
            SessionLog? log;
            if (raiseAlerts)
            {
                read = await AlertRaiser.LogsForRules(db, routine.Prescription.Id, routine.Version.StartDate, date, session).ToListAsync(ct);
                log = read.FirstOrDefault(l => l.LocalDate == date && l.Session == session);
                if (log is not null && !onlyIfNew) db.SessionLogs.Attach(log);
            }
            else
            {
                log = await db.SessionLogs.FirstOrDefaultAsync(l => l.PrescriptionId == routine.Prescription.Id && l.LocalDate == date && l.Session == session, ct);
            }
            if (log is not null && onlyIfNew) return [(AlreadyLogged, "This session is already logged. Sign in to see or change it.")];
            if (log is null)
            {
                log = new SessionLog
                {
                    Id = Guid.NewGuid(),
                    ClinicId = routine.Patient.ClinicId,
                    PatientId = routine.Patient.Id,
                    PrescriptionId = routine.Prescription.Id,
                    LocalDate = date,
                    Session = session,
                    LoggedAt = now,
                };
                db.SessionLogs.Add(log);
            }
            log.PrescriptionVersionId = routine.Version.Id;
            log.ExercisesDone = [.. report.ExercisesDone.Distinct()];
            log.PainBefore = report.PainBefore;
            log.PainAfter = report.PainAfter;
            log.Difficulty = report.Difficulty;
            log.Note = string.IsNullOrWhiteSpace(report.Note) ? null : report.Note.Trim();
            log.Source = source;
            log.UpdatedAt = now;
            try
            {
                // The alerts this log raises are saved with it, in the same transaction.
                IReadOnlyList<Alert> alerts = raiseAlerts ? await new AlertRaiser(db, clock).ForLogAsync(routine, log, read, ct) : [];
                await db.SaveChangesAsync(ct);
                // An urgent alert's email row is saved with it; the sender goes now rather than at its next minute.
                if (jobs is not null && alerts.Any(a => Alert.IsUrgent(a.Kind)))
                    jobs.Enqueue<Reminders.Jobs.SendDueEmailsJob>(j => j.RunAsync(CancellationToken.None));
                return [];
            }
            catch (DbUpdateException ex) when (attempt == 0 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same session was logged at the same moment (two taps): update that one instead.
                db.ChangeTracker.Clear();
            }
        }
    }
}
