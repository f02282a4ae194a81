using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Pages;

/// <summary>
/// The unsubscribe link of a clinician's weekly digest. GET only shows a button (mail scanners open links); POST turns
/// the digest off. Mail programs post here directly (RFC 8058) without a form token: the account-bound, expiring token
/// is the proof, as on the patients' unsubscribe page.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeDigestModel(DigestSubscription digests) : PageModel
{
    public string? Name { get; private set; }
    public bool Off { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (digests.UserIdOf(token) is not { } userId || await digests.StaffAsync(userId) is not { } staff) return Invalid();
        Name = staff.Name;
        Off = await digests.IsOffAsync(userId);
        return Result();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (digests.UserIdOf(token) is not { } userId || await digests.StaffAsync(userId) is not { } staff) return Invalid();
        await digests.SetAsync(userId, on: false);
        Name = staff.Name;
        Off = Done = true;
        return Result();
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Result();
    }

    private IActionResult Result()
    {
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
