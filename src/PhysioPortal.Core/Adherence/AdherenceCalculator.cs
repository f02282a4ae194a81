namespace PhysioPortal.Core.Adherence;

/// <summary>One logged session, as the calculations need it.</summary>
public sealed record LoggedSession(DateOnly LocalDate, int Session, int? PainBefore, int? PainAfter);

/// <summary>Logged ÷ scheduled over a window ending today (in the patient's time zone).</summary>
public sealed record Adherence(int Scheduled, int Logged)
{
    /// <summary>0–1, or null when nothing was scheduled in the window.</summary>
    public double? Ratio => Scheduled == 0 ? null : Math.Min(1.0, (double)Logged / Scheduled);

    public string Text => Ratio is { } r ? $"{Math.Round(r * 100):0} % ({Logged} of {Scheduled})" : "nothing scheduled yet";
}

/// <summary>
/// How pain moved: the first and latest session's pain (negative change is better), and the latest session's own
/// before → after, so a single session logged 5 → 3 reads as that, not as "unchanged".
/// </summary>
public sealed record PainTrend(int? First, int? Latest, int ScoredSessions = 0, int? LastBefore = null, int? LastAfter = null)
{
    /// <summary>The smallest change on the 0–10 scale that matters to a patient (2 points).</summary>
    public const int ClinicallyImportantChange = 2;

    /// <summary>Latest minus first across sessions (0 with one session: a session's own change is not a trend).</summary>
    public int? Change => First is { } f && Latest is { } l ? l - f : null;
    public bool IsWorse => Change >= ClinicallyImportantChange;

    public string Text
    {
        get
        {
            if (Change is not { } change) return "no pain scores yet";
            var within = LastBefore is { } b && LastAfter is { } a ? $"{b} → {a}/10{Direction(a - b)}" : null;
            if (ScoredSessions == 1) return within is null ? $"{Latest}/10 in the one session logged" : $"{within} during the one session logged";
            var across = change == 0 ? $"unchanged at {Latest}/10 since the first session" : $"{First} → {Latest}/10 since the first session{Direction(change)}";
            return within is null || LastBefore == LastAfter ? across : $"{across}; latest session {within}";
        }
    }

    private static string Direction(int change) => change switch
    {
        0 => "",
        < 0 => $" (down {-change})",
        _ => $" (up {change})",
    };
}

/// <summary>The adherence and pain figures clinicians and patients see. Plain functions of the schedule and the logs.</summary>
public static class AdherenceCalculator
{
    /// <summary>
    /// Sessions logged ÷ sessions scheduled over the <paramref name="days"/> days ending on <paramref name="today"/>
    /// (the patient's local date). Logs on unscheduled days count toward the logged total only up to what was scheduled.
    /// </summary>
    public static Adherence Over(PatientSchedule schedule, IEnumerable<LoggedSession> logs, DateOnly today, int days)
    {
        var from = today.AddDays(1 - days);
        var scheduledDates = schedule.ScheduledDates(from, today).ToHashSet();
        var scheduled = scheduledDates.Count * schedule.SessionsPerDay;
        var logged = logs.Where(l => scheduledDates.Contains(l.LocalDate) && l.Session <= schedule.SessionsPerDay)
            .Select(l => (l.LocalDate, l.Session)).Distinct().Count();
        return new Adherence(scheduled, logged);
    }

    /// <summary>
    /// Like <see cref="Over"/>, but today counts only for what is already logged: a day is not missed until it has
    /// ended in the patient's time zone. So at 9 in the morning a routine done on every other day reads as it did
    /// last night, and a session logged today counts at once.
    /// </summary>
    public static Adherence OverEndedDays(PatientSchedule schedule, IEnumerable<LoggedSession> logs, DateOnly today, int days)
    {
        var ended = Over(schedule, logs, today.AddDays(-1), days - 1);
        var doneToday = schedule.IsScheduled(today)
            ? Math.Min(schedule.SessionsPerDay, logs.Where(l => l.LocalDate == today && l.Session <= schedule.SessionsPerDay).Select(l => l.Session).Distinct().Count())
            : 0;
        return new Adherence(ended.Scheduled + doneToday, ended.Logged + doneToday);
    }

    /// <summary>Fewer scheduled days than this have ended since the start: the routine has "just started".</summary>
    public const int JustStartedBelow = 2;

    /// <summary>True while fewer than <see cref="JustStartedBelow"/> scheduled days of the routine have ended.</summary>
    public static bool JustStarted(PatientSchedule schedule, DateOnly today) =>
        schedule.ScheduledDates(schedule.StartDate, today.AddDays(-1)).Take(JustStartedBelow).Count() < JustStartedBelow;

    /// <summary>Pain for a session: the score before the session (the patient's usual level), else the one after.</summary>
    public static int? PainOf(LoggedSession log) => log.PainBefore ?? log.PainAfter;

    public static PainTrend Pain(IEnumerable<LoggedSession> logs)
    {
        var scored = logs.Where(l => PainOf(l) is not null).OrderBy(l => l.LocalDate).ThenBy(l => l.Session).ToList();
        return scored.Count == 0
            ? new PainTrend(null, null)
            : new PainTrend(PainOf(scored[0]), PainOf(scored[^1]), scored.Count, scored[^1].PainBefore, scored[^1].PainAfter);
    }

    /// <summary>Scheduled days in a row without a log, counted back from yesterday (today may still be done).</summary>
    public static int MissedInARow(PatientSchedule schedule, IEnumerable<LoggedSession> logs, DateOnly today)
    {
        var loggedDates = logs.Select(l => l.LocalDate).ToHashSet();
        var missed = 0;
        foreach (var d in schedule.ScheduledDates(schedule.StartDate, today.AddDays(-1)).Reverse())
        {
            if (loggedDates.Contains(d)) break;
            missed++;
        }
        return missed;
    }
}
