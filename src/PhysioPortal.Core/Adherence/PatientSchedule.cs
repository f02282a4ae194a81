using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Adherence;

/// <summary>
/// The days a routine is scheduled on, in the patient's own dates (<see cref="LocalDates.PatientToday"/>), and the
/// rules of a routine's schedule: how long it runs and how its sessions a day read.
/// </summary>
public sealed record PatientSchedule(DaysOfWeek Days, int SessionsPerDay, DateOnly StartDate, DateOnly EndDate)
{
    /// <summary>A routine of <paramref name="weeks"/> weeks from its start date.</summary>
    public static PatientSchedule Of(DaysOfWeek days, int sessionsPerDay, DateOnly startDate, int weeks) =>
        new(days, sessionsPerDay, startDate, EndDateOf(startDate, weeks));

    /// <summary>The last day of a routine of <paramref name="weeks"/> weeks: the start date is its first day.</summary>
    public static DateOnly EndDateOf(DateOnly startDate, int weeks) => startDate.AddDays(weeks * 7 - 1);

    /// <summary>"once a day", "twice a day", "3 times a day": how sessions a day read everywhere.</summary>
    public static string SessionsText(int sessionsPerDay) => sessionsPerDay switch
    {
        1 => "once a day",
        2 => "twice a day",
        var n => $"{n} times a day",
    };

    /// <summary>Sessions expected on a date: all of the day's sessions on a scheduled day, none otherwise.</summary>
    public int SessionsOn(DateOnly date) => IsScheduled(date) ? SessionsPerDay : 0;

    public bool IsScheduled(DateOnly date) =>
        date >= StartDate && date <= EndDate && Days.Includes(date.DayOfWeek);

    /// <summary>Scheduled dates from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public IEnumerable<DateOnly> ScheduledDates(DateOnly from, DateOnly to)
    {
        for (var d = from < StartDate ? StartDate : from; d <= to && d <= EndDate; d = d.AddDays(1))
        {
            if (Days.Includes(d.DayOfWeek)) yield return d;
        }
    }

    /// <summary>The next scheduled date on or after a date, or null when the routine has ended.</summary>
    public DateOnly? NextScheduled(DateOnly onOrAfter) => ScheduledDates(onOrAfter, EndDate).Cast<DateOnly?>().FirstOrDefault();
}
