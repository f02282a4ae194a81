using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Web.Pages.Shared;

using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>
/// Logging a session: which exercises, pain before and after, how hard, a note. One log per date and session;
/// logging again updates it. Missed days up to 7 days back, never the future.
/// </summary>
public class LogModel(PortalDbContext db, SessionLogger logger, IConfiguration config) : PatientPage
{
    /// <summary>
    /// The bench's "before" for issue 14: a post with this header skips the alert rules, only while the bench's
    /// yardsticks are on (<c>Bench:Yardsticks=true</c>); ignored otherwise, as in production.
    /// </summary>
    public const string SkipAlertsHeader = "X-Bench-Skip-Alerts";

    [BindProperty]
    public SessionLogInput Input { get; set; } = new();

    public ActiveRoutine Routine { get; private set; } = null!;
    public DateOnly Date { get; private set; }
    public int Session { get; private set; } = 1;
    public bool Existing { get; private set; }
    public IReadOnlyList<DateOnly> Choosable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? date, int? session)
    {
        var routine = await logger.RoutineAsync(PatientId);
        if (routine is null) return RedirectToPage("/Me/Index");
        Routine = routine;
        if (!ReadDate(date, session)) return await ShowAsync();
        var log = await FindAsync();
        Existing = log is not null;
        Input = log is null ? SessionLogInput.AllDone(routine.Version) : SessionLogInput.From(log);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? date, int? session)
    {
        var routine = await logger.RoutineAsync(PatientId);
        if (routine is null) return RedirectToPage("/Me/Index");
        Routine = routine;
        if (!ReadDate(date, session) || !ModelState.IsValid) return await ShowAsync();
        // Read on every post, header or not, so that the bench's two ways cost the same apart from the rules.
        var yardsticks = config.GetValue<bool>(Bench.FloorModel.Setting);
        var raiseAlerts = !(yardsticks && Request.Headers.ContainsKey(SkipAlertsHeader));
        var problems = await logger.LogAsync(routine, Date, Session, Input.ToReport(), LogSource.Site, raiseAlerts: raiseAlerts);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
                ModelState.AddModelError(field is "Date" or "Session" ? field : $"Input.{field}", message);
            return await ShowAsync();
        }
        // A note naming a warning sign: the home page tells the patient what to do (the clinician has the alert).
        if (PhysioPortal.Core.Alerts.PatientAdvice.For(Input.Note, routine.Patient.Conditions.HasFlag(PhysioPortal.Core.Patients.ConditionSet.Pregnancy)) is { } advice)
            TempData["StopSigns"] = string.Join("|", advice.SignsNamed);
        TempData["Flash"] = Date == routine.Today ? "Today's session is logged. Well done!" : $"Logged {Date:dddd d MMMM}.";
        return RedirectToPage("/Me/Index");
    }

    private bool ReadDate(string? date, int? session)
    {
        Session = session ?? 1;
        if (string.IsNullOrEmpty(date))
        {
            Date = Routine.Today;
            return true;
        }
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Date = d;
            return true;
        }
        Date = Routine.Today;
        ModelState.AddModelError("Date", "That date could not be read. Choose a day from the list.");
        return false;
    }

    private Task<SessionLog?> FindAsync() => db.SessionLogs.AsNoTracking()
        .FirstOrDefaultAsync(l => l.PrescriptionId == Routine.Prescription.Id && l.LocalDate == Date && l.Session == Session);

    private async Task<IActionResult> ShowAsync()
    {
        var today = Routine.Today;
        Choosable = Enumerable.Range(0, SessionLogger.DaysBack + 1).Select(i => today.AddDays(-i))
            .Where(d => d >= Routine.Version.StartDate && d <= Routine.Version.EndDate).ToList();
        Existing = Existing || await FindAsync() is not null;
        return Page();
    }

    public string ErrorFor(string key) => ModelState.ErrorFor(key);
}
