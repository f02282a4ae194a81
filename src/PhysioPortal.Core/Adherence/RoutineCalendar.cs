using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace PhysioPortal.Core.Adherence;

/// <summary>
/// The routine's scheduled sessions as an iCalendar feed (RFC 5545) a phone calendar can subscribe to: one event
/// per scheduled day at the reminder time, in the patient's own time zone. No health details beyond the routine title.
/// </summary>
public static class RoutineCalendar
{
    public static string Build(ActiveRoutine routine, string portalUrl)
    {
        var calendar = new Calendar { ProductId = "-//PhysioPortal//Exercise routine//EN" };
        calendar.AddProperty("X-WR-CALNAME", "My exercises");
        calendar.AddProperty("X-WR-TIMEZONE", routine.Patient.TimeZoneId);
        var v = routine.Version;
        var from = routine.Today.AddDays(-7);
        foreach (var date in routine.Schedule.ScheduledDates(from > v.StartDate ? from : v.StartDate, v.EndDate))
        {
            var start = date.ToDateTime(v.ReminderTime);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{routine.Prescription.Id:N}-{date:yyyyMMdd}@physioportal",
                Summary = $"Exercises: {v.Title}",
                Description = $"{v.Exercises.Count} exercises, {(v.SessionsPerDay == 1 ? "once" : $"{v.SessionsPerDay} times")} today. Log your session: {portalUrl.TrimEnd('/')}/me/log",
                DtStart = new CalDateTime(start, routine.Patient.TimeZoneId),
                DtEnd = new CalDateTime(start.AddMinutes(20), routine.Patient.TimeZoneId),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
