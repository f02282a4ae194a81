using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;
using QRCoder;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Staff set up (or turn off) sign-in with an authenticator app (TOTP, RFC 6238).</summary>
[Authorize(Roles = Roles.Clinician + "," + Roles.Admin)]
public class TwoFactorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AccountChecks checks, UserSessions sessions) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code your app shows.")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    public string Code { get; set; } = "";

    /// <summary>To turn two-step sign-in off: the password or a current code (a session alone is not enough).</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Required => Request.Query.ContainsKey("required");

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the time on your phone and try the current code.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await EndOtherSessionsAsync(user);
        TempData["Flash"] = "Two-step sign-in is on. You will be asked for a code each time you sign in.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear(); // the Code field belongs to the other form
        if (string.IsNullOrWhiteSpace(Confirmation))
        {
            ModelState.AddModelError(nameof(Confirmation), "Enter your password or the current code from your app to turn it off.");
            await LoadAsync(user);
            return Page();
        }
        var check = await checks.PasswordOrCodeAsync(user, Confirmation);
        if (!check.Ok)
        {
            ModelState.AddModelError(nameof(Confirmation), check.MustWait ? check.WaitMessage : "That is neither your password nor the current code.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await EndOtherSessionsAsync(user);
        TempData["Flash"] = "Two-step sign-in is off.";
        return RedirectToPage();
    }

    /// <summary>A change of two-step sign-in ends every other session of the account; this one is renewed.</summary>
    private async Task EndOtherSessionsAsync(PortalUser user)
    {
        await sessions.EndAllAsync(user.Id, keepId: await UserSessions.CurrentIdAsync(HttpContext));
        await signIn.RefreshSignInAsync(user);
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("PhysioPortal")}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer=PhysioPortal&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
