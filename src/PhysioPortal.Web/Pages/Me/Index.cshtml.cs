using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>The patient's home: today's routine (or the next day's), the log button, the handout, the last 4 weeks.</summary>
public class IndexModel(PortalDbContext db, SessionLogger logger) : PatientPage
{
    public string FirstName { get; private set; } = "";
    public ActiveRoutine? Routine { get; private set; }
    public DateOnly? ShownDate { get; private set; }
    public bool TodayScheduled { get; private set; }
    public int LoggedToday { get; private set; }
    public IReadOnlyList<CalendarDay> Calendar { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // The routine carries the patient: the name is read on its own only when there is no routine.
        Routine = await logger.RoutineAsync(PatientId);
        if (Routine is null)
        {
            var name = await db.Patients.Where(p => p.Id == PatientId).Select(p => p.FirstName).SingleOrDefaultAsync();
            if (name is null) return NotFound();
            FirstName = name;
            return Page();
        }
        FirstName = Routine.Patient.FirstName;

        var today = Routine.Today;
        var schedule = Routine.Schedule;
        TodayScheduled = schedule.IsScheduled(today);
        ShownDate = TodayScheduled ? today : schedule.NextScheduled(today);
        var from = today.AddDays(-27);
        var logs = await logger.LogsAsync(Routine.Prescription.Id, from, today);
        LoggedToday = logs.Count(l => l.LocalDate == today);
        var logged = logs.Select(l => l.LocalDate).ToHashSet();
        Calendar = Enumerable.Range(0, 28).Select(i => from.AddDays(i)).Select(d => new CalendarDay(d,
            logged.Contains(d) ? DayState.Done
            : !schedule.IsScheduled(d) ? DayState.NotScheduled
            : d == today ? DayState.Today
            : DayState.Missed)).ToList();
        return Page();
    }

    public enum DayState { Done, Missed, NotScheduled, Today }

    public sealed record CalendarDay(DateOnly Date, DayState State)
    {
        public string Label => State switch
        {
            DayState.Done => "done",
            DayState.Missed => "missed",
            DayState.Today => "today, not logged yet",
            _ => "no exercises planned",
        };
    }
}
