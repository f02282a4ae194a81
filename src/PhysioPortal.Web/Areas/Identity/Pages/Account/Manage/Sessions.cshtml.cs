using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Where the account is signed in (browser, address, last seen), for staff and patients; sign out elsewhere or everywhere.</summary>
[Authorize]
public class SessionsModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, UserSessions sessions) : PageModel
{
    public IReadOnlyList<UserSessions.Item> Active { get; private set; } = [];
    public string? CurrentId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is null) return Challenge();
        Active = await sessions.ActiveAsync(userId);
        CurrentId = await UserSessions.CurrentIdAsync(HttpContext);
        return Page();
    }

    /// <summary>Signs out every other browser; this one stays signed in.</summary>
    public async Task<IActionResult> OnPostOthersAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is null) return Challenge();
        var ended = await sessions.EndAllAsync(userId, keepId: await UserSessions.CurrentIdAsync(HttpContext));
        TempData["Flash"] = ended == 1 ? "1 other session is signed out." : $"{ended} other sessions are signed out.";
        return RedirectToPage();
    }

    /// <summary>Signs out everywhere, this browser included.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is null) return Challenge();
        await sessions.EndAllAsync(userId);
        await signIn.SignOutAsync();
        TempData["Flash"] = "You are signed out everywhere.";
        return RedirectToPage("/Account/Login", new { area = "Identity" });
    }
}
