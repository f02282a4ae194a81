using PhysioPortal.Core.Adherence;

namespace PhysioPortal.Core.Alerts;

/// <summary>What the rules need to know about one session log.</summary>
public sealed record LogFacts(Guid Id, DateOnly LocalDate, int Session, int? PainBefore, int? PainAfter, Difficulty? Difficulty, string? Note);

/// <summary>An alert a rule wants to exist. The key makes raising it again a no-op.</summary>
public sealed record RaisedAlert(AlertKind Kind, string UniqueKey, string Summary, Guid? SessionLogId, IReadOnlyList<string> Matched);

/// <summary>
/// When the portal tells a clinician about what a patient reported, in one place a clinician can read.
/// Plain functions of the logs, the schedule and today's date: tested without a database.
/// </summary>
public static class AlertRules
{
    /// <summary>The smallest change on the 0–10 pain scale patients notice (NPRS minimal important change).</summary>
    public const int PainPoints = 2;

    /// <summary>The relative worsening that counts too (30 %), when it is at least one whole point.</summary>
    public const double PainFraction = 0.30;

    /// <summary>How many recent logs with a pain score are compared with the first week.</summary>
    public const int RecentLogs = 3;

    /// <summary>"Too hard" this many logs in a row.</summary>
    public const int TooHardInARow = 2;

    /// <summary>Scheduled days in a row without a log, counting only days that have ended in the patient's zone.</summary>
    public const int MissedDaysInARow = 3;

    /// <summary>
    /// The alerts one arriving log raises, given every log of the prescription (the arriving one included, in any
    /// order) and the routine's first day.
    /// </summary>
    public static IReadOnlyList<RaisedAlert> ForLog(LogFacts log, IReadOnlyList<LogFacts> all, DateOnly startDate)
    {
        var alerts = new List<RaisedAlert>();
        var when = $"{log.LocalDate:ddd d MMM}";

        if (log.PainBefore is { } before && log.PainAfter is { } after && after - before >= PainPoints)
        {
            alerts.Add(new(AlertKind.PainAfterSession, $"pain-after:{log.Id}",
                $"Pain rose from {before} to {after}/10 during the session on {when}.", log.Id, []));
        }

        var ordered = all.OrderBy(l => l.LocalDate).ThenBy(l => l.Session).ToList();
        if (PainRising(ordered, startDate) is { } rising && ordered.Where(l => l.PainBefore is not null).TakeLast(RecentLogs).Any(l => l.Id == log.Id))
        {
            alerts.Add(new(AlertKind.PainRising, $"pain-rising:{log.Id}",
                $"Pain before sessions is up: {rising.Baseline:0.#}/10 in the first week, {rising.Recent:0.#}/10 over the last {RecentLogs} logs.", log.Id, []));
        }

        var upTo = ordered.TakeWhile(l => l.Id != log.Id).Append(log).TakeLast(TooHardInARow).ToList();
        if (log.Difficulty == Difficulty.TooHard && upTo.Count == TooHardInARow && upTo.All(l => l.Difficulty == Difficulty.TooHard))
        {
            alerts.Add(new(AlertKind.TooHard, $"too-hard:{log.Id}",
                $"\"Too hard\" in {TooHardInARow} logs in a row (latest {when}).", log.Id, []));
        }

        var signs = WarningSigns.Find(log.Note);
        if (signs.Count > 0)
        {
            alerts.Add(new(AlertKind.WarningSign, $"warning-sign:{log.Id}",
                $"The note of {when} mentions {string.Join(", ", WarningSigns.SignsIn(signs))}.", log.Id,
                signs.Select(s => s.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
        }
        return alerts;
    }

    /// <summary>Average pain before sessions in the first week and over the last logs, when it rose enough.</summary>
    public sealed record PainRise(double Baseline, double Recent);

    /// <summary>
    /// Pain before, averaged over the last <see cref="RecentLogs"/> logs after the first week, against its average
    /// in the first week (days 1–7 of the routine): up by <see cref="PainPoints"/> or more, or by 30 % and at least a
    /// point (30 % of a baseline of 1 is not a change anyone feels). Null when it did not rise or there is too little.
    /// </summary>
    public static PainRise? PainRising(IReadOnlyList<LogFacts> ordered, DateOnly startDate)
    {
        var weekEnd = startDate.AddDays(6);
        var firstWeek = ordered.Where(l => l.LocalDate <= weekEnd && l.PainBefore is not null).Select(l => l.PainBefore!.Value).ToList();
        var later = ordered.Where(l => l.LocalDate > weekEnd && l.PainBefore is not null).Select(l => l.PainBefore!.Value).TakeLast(RecentLogs).ToList();
        if (firstWeek.Count == 0 || later.Count < RecentLogs) return null;
        var baseline = firstWeek.Average();
        var recent = later.Average();
        var rise = recent - baseline;
        var enough = rise >= PainPoints - 1e-9 || (rise >= 1 - 1e-9 && baseline > 0 && rise / baseline >= PainFraction - 1e-9);
        return enough ? new PainRise(baseline, recent) : null;
    }

    /// <summary>
    /// The missed-days alert for a routine on <paramref name="today"/> (the patient's local date): the first run of
    /// <see cref="MissedDaysInARow"/> scheduled days without a log since the last log, counting only days that have
    /// ended (today never counts) and only days since the version was saved. One alert per run (its key is the run's
    /// first day).
    /// </summary>
    public static RaisedAlert? MissedDays(Guid prescriptionId, PatientSchedule schedule, DateOnly? lastLog, DateOnly? trackedSince, DateOnly today)
    {
        var run = Reminders.EmailSchedule.MissedRun(schedule, lastLog, trackedSince, today, MissedDaysInARow);
        if (run is not { } r) return null;
        return new RaisedAlert(AlertKind.MissedDays, $"missed:{prescriptionId}:{r.FirstMissed:yyyy-MM-dd}",
            $"No log on {MissedDaysInARow} scheduled days in a row, from {r.FirstMissed:ddd d MMM}.", null, []);
    }
}
