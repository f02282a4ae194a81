using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Web.Pages.Shared;

using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages;

/// <summary>
/// One-tap logging from the reminder email, without a password. The token is tied to one patient, prescription and
/// date, expires after 3 days, is stored hashed, and opens nothing but this form. GET shows it (mail scanners open
/// links), POST records.
/// </summary>
[AllowAnonymous]
public class OneTapLogModel(LinkTokens tokens, PortalContexts contexts, TimeProvider clock, Hangfire.IBackgroundJobClient jobs) : PageModel
{
    [BindProperty]
    public SessionLogInput Input { get; set; } = new();

    public ActiveRoutine? Routine { get; private set; }
    public DateOnly Date { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>The link's session was logged already (from this link or on the site): changing it needs a sign-in.</summary>
    public bool AlreadyLogged { get; private set; }

    /// <summary>Whether the patient has accepted an invitation (has a password): says whether to sign in or to get an account.</summary>
    public bool HasAccount { get; private set; }

    public string ClinicName { get; private set; } = "";
    public string? Refusal { get; private set; }
    public PhysioPortal.Core.Alerts.PatientAdvice? Advice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        await using var db = await OpenAsync(token);
        if (db is null) return Refused();
        // Never the saved scores or note: whoever holds the link sees an empty form, or that the day is logged.
        Input = SessionLogInput.AllDone(Routine!.Version);
        AlreadyLogged = await IsLoggedAsync(db);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? date)
    {
        await using var db = await OpenAsync(token);
        if (db is null) return Refused();
        // The token logs its own date only: a date sent with the form must be that date.
        if (!string.IsNullOrEmpty(date) && date != Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        {
            Refusal = "This link logs one particular day only. Sign in to log another day.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // Logged already: this link does not change it (the patient signs in for that).
        if (await IsLoggedAsync(db))
        {
            AlreadyLogged = true;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        // The link creates the day's log once; changing a logged day needs signing in.
        var problems = await new SessionLogger(db, clock, jobs).LogAsync(Routine!, Date, 1, Input.ToReport(), LogSource.EmailLink, onlyIfNew: true);
        if (problems.Any(p => p.Field == SessionLogger.AlreadyLogged))
        {
            AlreadyLogged = true;
            return Page();
        }
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError(field == "Date" ? "" : $"Input.{field}", message);
            return Page();
        }
        Saved = true;
        Advice = PhysioPortal.Core.Alerts.PatientAdvice.For(Input.Note, Routine!.Patient.Conditions.HasFlag(PhysioPortal.Core.Patients.ConditionSet.Pregnancy));
        return Page();
    }

    private Task<bool> IsLoggedAsync(PortalDbContext db) =>
        db.SessionLogs.AnyAsync(l => l.PrescriptionId == Routine!.Prescription.Id && l.LocalDate == Date && l.Session == 1);

    /// <summary>Where signing in leads: the site's log form for the link's day when it is logged already, else the patient home.</summary>
    public string ReturnUrl => AlreadyLogged
        ? Url.Page("/Me/Log", new { date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }) ?? "/me/log"
        : Url.Page("/Me/Index") ?? "/me";

    /// <summary>A context scoped to the token's clinic, with the routine loaded; null when the token is no good.</summary>
    private async Task<PortalDbContext?> OpenAsync(string token)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.OneTapLog);
        if (link is null || link.PrescriptionId is null || link.LocalDate is null) return null;
        var db = contexts.ForClinic(link.ClinicId);
        var routine = await new SessionLogger(db, clock).RoutineAsync(link.PatientId);
        if (routine is null || routine.Prescription.Id != link.PrescriptionId)
        {
            await db.DisposeAsync();
            return null;
        }
        (Routine, Date) = (routine, link.LocalDate.Value);
        HasAccount = await db.Users.AnyAsync(u => u.PatientId == link.PatientId);
        ClinicName = await db.Clinics.Where(c => c.Id == link.ClinicId).Select(c => c.Name).FirstAsync();
        return db;
    }

    private IActionResult Refused()
    {
        Refusal = "This link is not valid any more. Links in reminder emails work for 3 days. Sign in to log your session.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public string ErrorFor(string key) => ModelState.ErrorFor(key);
}
