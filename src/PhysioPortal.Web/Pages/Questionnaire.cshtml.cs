using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Web.Extensions;
using PhysioPortal.Web.Pages.Shared;

namespace PhysioPortal.Web.Pages;

/// <summary>
/// The outcome questionnaire from its email, on the phone, without a password: the same form as /me/outcomes (the
/// PSFS, and the global rating of change at a follow-up). The token is tied to one patient, prescription and
/// questionnaire day, expires, is stored hashed, and opens nothing but this form. GET shows it (mail scanners open
/// links), POST records; once answered, the link says so and stores nothing more.
/// </summary>
[AllowAnonymous]
public class QuestionnaireModel(LinkTokens tokens, PortalContexts contexts, TimeProvider clock) : PageModel
{
    [BindProperty]
    public List<PsfsItemInput> Items { get; set; } = [];

    [BindProperty]
    public int? GlobalChange { get; set; }

    public OutcomeQuestions Questions { get; private set; } = new([], false, null);
    public string FirstName { get; private set; } = "";
    public string ClinicName { get; private set; } = "";
    public bool HasAccount { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>The questionnaire of the link's day was answered already (from this link or on the site).</summary>
    public bool AlreadyAnswered { get; private set; }

    public string? Refusal { get; private set; }

    private Guid _patientId;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        await using var db = await OpenAsync(token);
        if (db is null) return Refused();
        Items = PsfsForm.Blank(Questions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        await using var db = await OpenAsync(token);
        if (db is null) return Refused();
        if (AlreadyAnswered) return Page();
        if (ModelState.IsValid)
        {
            var problems = await new OutcomeRecorder(db, clock).RecordPsfsAsync(_patientId, PsfsForm.Answers(Items), GlobalChange);
            if (problems.Count == 0)
            {
                Saved = true;
                return Page();
            }
            foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        }
        Items = PsfsForm.Again(Questions, Items);
        return Page();
    }

    public PsfsFormView Form => new(Questions, Items, GlobalChange, ModelState.ErrorFor);

    /// <summary>A context scoped to the token's clinic, with the questions loaded; null when the token is no good.</summary>
    private async Task<PortalDbContext?> OpenAsync(string token)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.Questionnaire);
        if (link is null || link.PrescriptionId is null || link.LocalDate is not { } day) return null;
        var db = contexts.ForClinic(link.ClinicId);
        // Only while the routine it was sent for is the patient's active one (an ended routine asks no more).
        var patient = await db.Prescriptions.AsNoTracking()
            .Where(p => p.Id == link.PrescriptionId && p.PatientId == link.PatientId && p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null)
            .Select(p => new { p.Patient!.FirstName, Clinic = db.Clinics.Where(c => c.Id == p.ClinicId).Select(c => c.Name).First() })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (patient is null)
        {
            await db.DisposeAsync();
            return null;
        }
        _patientId = link.PatientId;
        (FirstName, ClinicName) = (patient.FirstName, patient.Clinic);
        Questions = await new OutcomeRecorder(db, clock).QuestionsAsync(link.PatientId, HttpContext.RequestAborted);
        AlreadyAnswered = QuestionnaireSchedule.Answered(Questions.LastAnswered, day);
        HasAccount = await db.Users.AnyAsync(u => u.PatientId == link.PatientId, HttpContext.RequestAborted);
        return db;
    }

    private IActionResult Refused()
    {
        Refusal = "This link is not valid any more. Links in questionnaire emails work for a week, while your routine runs. Sign in to answer on the site.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
