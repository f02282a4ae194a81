using System.Globalization;
using System.Text;
using NodaTime;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Adherence;

/// <summary>
/// The routine as an iCalendar feed (RFC 5545) a phone or desktop calendar subscribes to: one recurring event per
/// prescription (RRULE over the routine's weekdays until its end date) at the patient's own reminder time, in the
/// patient's time zone, with a VTIMEZONE built from NodaTime's time zone data for the years the routine covers, so
/// readers that do not know the zone (Thunderbird's ical.js) still put it at the right hour. The UID is the
/// prescription's; SEQUENCE is the version's number less one, so a new version replaces the event. No health details
/// beyond the routine's title.
/// </summary>
public static class RoutineCalendar
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Minutes the calendar entry lasts.</summary>
    public const int SessionMinutes = 20;

    public static string Build(ActiveRoutine routine, string portalUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var v = routine.Version;
        var zoneId = routine.Patient.TimeZoneId;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        var time = EmailPlanner.ReminderTimeFor(routine.Patient.ReminderTime, v.ReminderTime);
        var first = routine.Schedule.NextScheduled(v.StartDate) ?? v.StartDate;
        var localStart = LocalDate.FromDateOnly(first).At(LocalTime.FromTimeOnly(time));
        var lastEnd = LocalDate.FromDateOnly(v.EndDate).PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

        var ics = new IcsWriter();
        ics.Line("BEGIN:VCALENDAR");
        ics.Line("VERSION:2.0");
        ics.Line("PRODID:-//PhysioPortal//Exercise routine//EN");
        ics.Line("CALSCALE:GREGORIAN");
        ics.Line("METHOD:PUBLISH");
        ics.Property("X-WR-CALNAME", "My exercises");
        ics.Property("X-WR-TIMEZONE", zone.Id);
        WriteTimeZone(ics, zone, localStart.InZoneLeniently(zone).ToInstant(), lastEnd);

        ics.Line("BEGIN:VEVENT");
        ics.Line($"UID:{routine.Prescription.Id:N}@physioportal");
        ics.Line($"SEQUENCE:{Math.Max(0, v.Number - 1)}");
        ics.Line($"DTSTAMP:{Utc(Instant.FromDateTimeOffset(now))}");
        ics.Line($"LAST-MODIFIED:{Utc(Instant.FromDateTimeOffset(v.CreatedAt))}");
        ics.Line($"DTSTART;TZID={zone.Id}:{Local(localStart)}");
        ics.Line($"DTEND;TZID={zone.Id}:{Local(localStart.PlusMinutes(SessionMinutes))}");
        ics.Line($"RRULE:FREQ=WEEKLY;BYDAY={ByDay(v.Days)};UNTIL={Utc(lastEnd - Duration.FromSeconds(1))}");
        ics.Property("SUMMARY", $"Exercises: {v.Title}");
        ics.Property("DESCRIPTION", $"{v.Exercises.Count} exercises, {PatientSchedule.SessionsText(v.SessionsPerDay)}. Log your session: {portalUrl.TrimEnd('/')}/me/log");
        ics.Property("URL", $"{portalUrl.TrimEnd('/')}/me");
        ics.Line("TRANSP:TRANSPARENT");
        ics.Line("END:VEVENT");
        ics.Line("END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>
    /// A VTIMEZONE for the zone: the offset in force at <paramref name="from"/> and each transition up to
    /// <paramref name="to"/>, written out one by one (no rules to extrapolate, so it is right for those years whatever
    /// the zone's history).
    /// </summary>
    private static void WriteTimeZone(IcsWriter ics, DateTimeZone zone, Instant from, Instant to)
    {
        ics.Line("BEGIN:VTIMEZONE");
        ics.Line($"TZID:{zone.Id}");
        var intervals = zone.GetZoneIntervals(new Interval(from, to)).ToList();
        var previous = intervals[0].WallOffset;
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var kind = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            // The first observance starts at 1970 (or where the interval starts), as if it had always been in force.
            var start = i == 0 || !interval.HasStart
                ? new LocalDateTime(1970, 1, 1, 0, 0)
                : interval.Start.WithOffset(previous).LocalDateTime;
            ics.Line($"BEGIN:{kind}");
            ics.Line($"DTSTART:{Local(start)}");
            ics.Line($"TZOFFSETFROM:{OffsetText(i == 0 ? interval.WallOffset : previous)}");
            ics.Line($"TZOFFSETTO:{OffsetText(interval.WallOffset)}");
            if (!string.IsNullOrEmpty(interval.Name) && !interval.Name.StartsWith('+') && !interval.Name.StartsWith('-'))
                ics.Property("TZNAME", interval.Name);
            ics.Line($"END:{kind}");
            previous = interval.WallOffset;
        }
        ics.Line("END:VTIMEZONE");
    }

    private static string ByDay(DaysOfWeek days)
    {
        var names = new (DaysOfWeek Day, string Code)[]
        {
            (DaysOfWeek.Monday, "MO"), (DaysOfWeek.Tuesday, "TU"), (DaysOfWeek.Wednesday, "WE"), (DaysOfWeek.Thursday, "TH"),
            (DaysOfWeek.Friday, "FR"), (DaysOfWeek.Saturday, "SA"), (DaysOfWeek.Sunday, "SU"),
        };
        var chosen = names.Where(n => days.HasFlag(n.Day)).Select(n => n.Code).ToList();
        return chosen.Count == 0 ? "MO,TU,WE,TH,FR,SA,SU" : string.Join(',', chosen);
    }

    private static string Local(LocalDateTime t) => t.ToString("yyyyMMdd'T'HHmmss", Inv);

    private static string Utc(Instant t) => t.ToString("yyyyMMdd'T'HHmmss'Z'", Inv);

    private static string OffsetText(Offset o)
    {
        var seconds = o.Seconds;
        var sign = seconds < 0 ? '-' : '+';
        seconds = Math.Abs(seconds);
        var text = $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}";
        return seconds % 60 == 0 ? text : text + $"{seconds % 60:00}";
    }

    /// <summary>Content lines: TEXT values escaped, lines folded at 75 octets (RFC 5545 3.1 and 3.3.11), CRLF.</summary>
    private sealed class IcsWriter
    {
        private readonly StringBuilder _text = new();

        public void Property(string name, string value) => Line($"{name}:{Escape(value)}");

        public void Line(string line)
        {
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > 75)
                {
                    _text.Append("\r\n ");
                    octets = 1;
                }
                _text.Append(rune.ToString());
                octets += size;
            }
            _text.Append("\r\n");
        }

        private static string Escape(string value) => value
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

        public override string ToString() => _text.ToString();
    }
}
