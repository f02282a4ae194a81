using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Identity;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Clinic.Alerts;

/// <summary>One alert: what raised it (the log, the note with the warning-sign words marked), and seen / resolve.</summary>
public class DetailsModel(AlertInbox inbox, AuditLog audit) : PageModel
{
    public AlertRow Alert { get; private set; } = null!;
    public AlertLog? Log { get; private set; }

    [BindProperty]
    public string? ResolutionNote { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await HttpContext.AuditAsync(audit, "alert.read", Alert.PatientId, Alert.KindText);
        return Page();
    }

    public async Task<IActionResult> OnPostSeenAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await inbox.MarkSeenAsync(id, ByName);
        if (outcome == AlertInbox.Outcome.NotFound) return NotFound();
        await HttpContext.AuditAsync(audit, "alert.seen", Alert.PatientId, Alert.KindText);
        TempData["Flash"] = "Marked as seen.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await inbox.ResolveAsync(id, User.UserId(), ByName, ResolutionNote);
        switch (outcome)
        {
            case AlertInbox.Outcome.NotFound:
                return NotFound();
            case AlertInbox.Outcome.Invalid:
                ModelState.AddModelError(nameof(ResolutionNote), $"Keep the note under {AlertInbox.MaxResolutionNote} characters.");
                return Page();
            case AlertInbox.Outcome.AlreadyResolved:
                ModelState.AddModelError("", $"This alert was already resolved by {Alert.ResolvedByName} on {Alert.ResolvedAt:d MMM yyyy HH:mm}. Nothing was changed.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
        await HttpContext.AuditAsync(audit, "alert.resolved", Alert.PatientId, Alert.KindText);
        TempData["Flash"] = "Alert resolved.";
        return RedirectToPage("/Clinic/Alerts/Index");
    }

    private string ByName => User.DisplayName();

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await inbox.FindAsync(id) is not { } found) return false;
        (Alert, Log) = found;
        return true;
    }

    public string ErrorFor(string key) => ModelState.ErrorFor(key);
}
