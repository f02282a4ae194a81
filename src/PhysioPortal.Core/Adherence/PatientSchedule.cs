using NodaTime;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Adherence;

/// <summary>The days a routine is scheduled on, and "today" in the patient's own time zone.</summary>
public sealed record PatientSchedule(DaysOfWeek Days, int SessionsPerDay, DateOnly StartDate, DateOnly EndDate)
{
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

    /// <summary>The patient's local date at an instant; an unknown time zone falls back to UTC.</summary>
    public static DateOnly LocalToday(string timeZoneId, DateTimeOffset now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }
}
