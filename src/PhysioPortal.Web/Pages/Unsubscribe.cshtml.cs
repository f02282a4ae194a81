using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Pages;

/// <summary>
/// The unsubscribe link of every patient email. GET only shows a button (mail scanners open links); POST stops the
/// emails. Mail programs post here directly ("List-Unsubscribe=One-Click", RFC 8058) without a form token, so this
/// page takes no antiforgery token: the single-purpose link token, stored hashed and expiring, is the proof.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(EmailUnsubscribe unsubscribe) : PageModel
{
    public EmailUnsubscribe.Target? Target { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Target = await unsubscribe.FindAsync(token, HttpContext.RequestAborted);
        return Result();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Target = await unsubscribe.UnsubscribeAsync(token, HttpContext.RequestAborted);
        Done = Target is not null;
        return Result();
    }

    private IActionResult Result()
    {
        Response.Headers.CacheControl = "no-store";
        if (Target is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
