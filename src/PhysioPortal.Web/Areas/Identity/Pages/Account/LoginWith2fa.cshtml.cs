using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in for staff with an authenticator app: the 6-digit code.</summary>
[AllowAnonymous]
public class LoginWith2faModel(SignInManager<PortalUser> signIn, AccountThrottle throttle) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only after the password step: otherwise there is nobody to ask a code of.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/Login");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();
        // Codes count towards the same growing delay as passwords.
        var email = user.Email ?? user.UserName ?? user.Id;
        var wait = await throttle.WaitAsync(email);
        if (wait > TimeSpan.Zero)
        {
            ModelState.AddModelError(nameof(Code), AccountChecks.WaitMessage(wait));
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(AccountChecks.Digits(Code), RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Index", new { area = "" })!);
        }
        await throttle.FailedAsync(email);
        ModelState.AddModelError(nameof(Code), "That code is not right. Codes change every 30 seconds: try the current one.");
        return Page();
    }
}
