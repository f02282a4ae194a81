using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;
using PhysioPortal.Core.Adherence;

namespace PhysioPortal.Core.Reminders;

/// <summary>One email the planner wants to exist: what, which row (unique key), for which local date, when.</summary>
public sealed record PlannedEmail(EmailKind Kind, string UniqueKey, DateOnly LocalDate, DateTimeOffset DueAt);

/// <summary>What the planner needs to know about one active prescription.</summary>
public sealed record PrescriptionPlanInput(
    Guid PrescriptionId,
    int VersionNumber,
    string TimeZoneId,
    TimeOnly ReminderTime,
    PatientSchedule Schedule,
    DateOnly? LastLogDate,
    bool Announce)
{
    /// <summary>Missed days count from this local date on (the day the current version was saved): a routine
    /// started in the past is not "missed" before the patient had it.</summary>
    public DateOnly? TrackedSince { get; init; }
}

/// <summary>
/// When each email is due, computed in the recipient's IANA time zone with NodaTime (never with Hangfire cron). Plain
/// functions of the schedule, the logs and "now", so they are tested without a database.
/// </summary>
public static class EmailSchedule
{
    /// <summary>
    /// Local time → instant. A time that happens twice (the fall-back hour) is taken the first time, so the email goes
    /// once; a time that does not exist (the spring-forward gap) moves to the end of the gap: 02:30 goes at 03:00.
    /// </summary>
    public static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static readonly TimeOnly DigestTime = new(8, 0);

    public static DateTimeZone Zone(string? timeZoneId) =>
        (timeZoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId)) ?? DateTimeZone.Utc;

    /// <summary>The instant (UTC) of a local date and time in a zone.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, DateTimeZone zone) =>
        zone.ResolveLocal(new LocalDateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second), Resolver)
            .ToInstant().ToDateTimeOffset();

    public static DateTimeOffset At(DateOnly date, TimeOnly time, string timeZoneId) => At(date, time, Zone(timeZoneId));

    public static DateOnly LocalDate(DateTimeOffset instant, DateTimeZone zone)
    {
        var d = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        return new DateOnly(d.Year, d.Month, d.Day);
    }

    public static string Key(EmailKind kind, Guid id, DateOnly? date = null) => kind switch
    {
        EmailKind.CheckIn => $"check-in:{id}",
        EmailKind.Reminder => $"reminder:{id}:{Iso(date)}",
        EmailKind.Nudge => $"nudge:{id}:{Iso(date)}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use the kind's own key method."),
    };

    public static string QuestionnaireKey(Guid prescriptionId, DateOnly day) => $"questionnaire:{prescriptionId}:{Iso(day)}";

    public static string NewPrescriptionKey(Guid prescriptionId, int versionNumber) => $"new-prescription:{prescriptionId}:v{versionNumber}";

    public static string DigestKey(string clinicianUserId, DateOnly monday) => $"digest:{clinicianUserId}:{Iso(monday)}";

    /// <summary>
    /// The emails of one prescription that fall in (now, now + lookAhead]: a reminder on each scheduled day at the
    /// reminder time; the check-in 7 days after the start; a nudge once per run of <paramref name="nudgeAfter"/>
    /// scheduled days in a row without a log (it replaces that day's reminder); the outcome questionnaire on the first
    /// day and every 2 weeks after (<see cref="Outcomes.QuestionnaireSchedule"/>), at the reminder time, or now when
    /// today's is found after its time (a routine prescribed later in its first day); and, when <see cref="PrescriptionPlanInput.Announce"/>,
    /// the new-prescription email due now.
    /// </summary>
    public static IReadOnlyList<PlannedEmail> ForPrescription(PrescriptionPlanInput p, DateTimeOffset now, TimeSpan lookAhead, int nudgeAfter = 3)
    {
        var zone = Zone(p.TimeZoneId);
        var today = LocalDate(now, zone);
        var horizon = now + lookAhead;
        var lastDay = LocalDate(horizon, zone).AddDays(1);
        var result = new List<PlannedEmail>();

        if (p.Announce)
        {
            result.Add(new PlannedEmail(EmailKind.NewPrescription, NewPrescriptionKey(p.PrescriptionId, p.VersionNumber), today, now));
        }

        // Nudge: once per run of missed scheduled days, on the day after the run reached its length (at the reminder
        // time, instead of that day's reminder). Found later (the planner was down, a new version), it goes now.
        DateOnly? nudgeDay = null;
        if (nudgeAfter > 0 && today <= p.Schedule.EndDate.AddDays(1) && MissedRun(p.Schedule, p.LastLogDate, p.TrackedSince, today, nudgeAfter) is { } run)
        {
            nudgeDay = run.NudgeDay;
            var due = At(run.NudgeDay, p.ReminderTime, zone);
            if (due < now) due = now;
            if (due <= horizon)
                result.Add(new PlannedEmail(EmailKind.Nudge, Key(EmailKind.Nudge, p.PrescriptionId, run.FirstMissed), run.NudgeDay, due));
        }

        foreach (var day in p.Schedule.ScheduledDates(today.AddDays(-1), lastDay))
        {
            if (day == nudgeDay) continue;
            var due = At(day, p.ReminderTime, zone);
            if (due > now && due <= horizon)
                result.Add(new PlannedEmail(EmailKind.Reminder, Key(EmailKind.Reminder, p.PrescriptionId, day), day, due));
        }

        foreach (var day in Outcomes.QuestionnaireSchedule.Days(p.Schedule))
        {
            if (day < today || day > lastDay) continue;
            var due = At(day, p.ReminderTime, zone);
            if (due <= now && day == today) due = now;
            if (due >= now && due <= horizon)
                result.Add(new PlannedEmail(EmailKind.Questionnaire, QuestionnaireKey(p.PrescriptionId, day), day, due));
        }

        var checkInDay = p.Schedule.StartDate.AddDays(7);
        var checkIn = At(checkInDay, p.ReminderTime, zone);
        if (checkInDay <= p.Schedule.EndDate.AddDays(1) && checkIn > now && checkIn <= horizon)
            result.Add(new PlannedEmail(EmailKind.CheckIn, Key(EmailKind.CheckIn, p.PrescriptionId), checkInDay, checkIn));

        return result;
    }

    /// <summary>
    /// The scheduled days since the last log (any log, even on a free day, shows the patient is at it) up to
    /// yesterday, when there are at least <paramref name="atLeast"/>: the run's first day (its identity, so one nudge per
    /// run) and the day its nudge is for (the day after its <paramref name="atLeast"/>th missed day).
    /// </summary>
    public static (DateOnly FirstMissed, DateOnly NudgeDay)? MissedRun(PatientSchedule schedule, DateOnly? lastLog, DateOnly? trackedSince, DateOnly today, int atLeast)
    {
        var from = schedule.StartDate;
        if (trackedSince is { } since && since > from) from = since;
        if (lastLog is { } last && last >= from) from = last.AddDays(1);
        var run = schedule.ScheduledDates(from, today.AddDays(-1)).Take(atLeast).ToList();
        return run.Count >= atLeast ? (run[0], run[atLeast - 1].AddDays(1)) : null;
    }

    /// <summary>The clinician digests due in (now, now + lookAhead]: Mondays 08:00 in the clinic's time zone.</summary>
    public static IReadOnlyList<PlannedEmail> ForClinician(string clinicianUserId, string clinicTimeZoneId, DateTimeOffset now, TimeSpan lookAhead)
    {
        var zone = Zone(clinicTimeZoneId);
        var horizon = now + lookAhead;
        var result = new List<PlannedEmail>();
        for (var day = LocalDate(now, zone); day <= LocalDate(horizon, zone); day = day.AddDays(1))
        {
            if (day.DayOfWeek != DayOfWeek.Monday) continue;
            var due = At(day, DigestTime, zone);
            if (due > now && due <= horizon)
                result.Add(new PlannedEmail(EmailKind.ClinicianDigest, DigestKey(clinicianUserId, day), day, due));
        }
        return result;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
