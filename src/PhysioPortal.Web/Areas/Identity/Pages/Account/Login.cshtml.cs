using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Signs in with email and password. An unknown address costs the same as a wrong password (a dummy hash is checked)
/// and gets the same answer; wrong tries make the address wait a little longer each time (AccountThrottle), whether or
/// not it has an account.
/// </summary>
[AllowAnonymous]
public class LoginModel(SignInManager<PortalUser> signIn, AccountThrottle throttle, ILogger<LoginModel> logger) : PageModel
{
    private const string NoMatch = "That email and password do not match an account. Please try again.";

    /// <summary>A hash made once with the same settings as real ones, checked for addresses without an account.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<PortalUser>().HashPassword(new PortalUser { DisplayName = "" }, Guid.NewGuid().ToString()));

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var wait = await throttle.WaitAsync(email);
        if (wait > TimeSpan.Zero)
        {
            ModelState.AddModelError(string.Empty, AccountChecks.WaitMessage(wait));
            return Page();
        }
        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new PortalUser { DisplayName = "" }, DummyHash.Value, Input.Password);
            await throttle.FailedAsync(email);
            ModelState.AddModelError(string.Empty, NoMatch);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(email);
            logger.LogInformation("User signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Index", new { area = "" })!);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }
        await throttle.FailedAsync(email);
        // One message for an unknown email and a wrong password, so the form does not reveal who has an account.
        ModelState.AddModelError(string.Empty, NoMatch);
        return Page();
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "That password is too long.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
