using NodaTime;

namespace PhysioPortal.Core;

/// <summary>
/// "Today" is three different dates in the portal, each with its own name:
/// <list type="bullet">
/// <item><see cref="PatientToday"/>: the date where the patient lives. Their routine, logs, reminders, adherence and
/// everything about them a clinician reads (trimester, start of a prescription).</item>
/// <item><see cref="ClinicToday"/>: the date where the clinic is. What staff type without a patient at hand (a new
/// patient's date of birth or due date) and the clinic's own calendar (the Monday digest).</item>
/// <item><see cref="UtcToday"/>: the date in UTC. Only a bound for a query, with a day of slack either side of any
/// time zone; never a date a person sees.</item>
/// </list>
/// An unknown time zone falls back to UTC.
/// </summary>
public static class LocalDates
{
    public static DateOnly PatientToday(string patientTimeZoneId, DateTimeOffset now) => DateIn(patientTimeZoneId, now);

    public static DateOnly ClinicToday(string clinicTimeZoneId, DateTimeOffset now) => DateIn(clinicTimeZoneId, now);

    public static DateOnly UtcToday(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>The local date of an instant in a time zone.</summary>
    public static DateOnly DateIn(string timeZoneId, DateTimeOffset instant)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }
}
