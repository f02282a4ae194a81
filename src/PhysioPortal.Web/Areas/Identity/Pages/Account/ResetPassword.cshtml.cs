using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public class ResetPasswordModel(UserManager<PortalUser> users, UserSessions sessions, AccountThrottle throttle) : PageModel
{
    private const string BadLink = "This link is not valid or has expired. Ask for a new one on the \"Forgot your password?\" page.";

    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public IActionResult OnGet(string? code, string? email)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            ModelState.AddModelError(string.Empty, BadLink);
        }
        Input = new ResetPasswordInput { Code = code ?? "", Email = email ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code));
        }
        catch (FormatException)
        {
            ModelState.AddModelError(string.Empty, BadLink);
            return Page();
        }
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, BadLink);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            // Whoever knew the old password is signed out everywhere, and the wrong tries are forgiven.
            await sessions.EndAllAsync(user.Id);
            await throttle.SucceededAsync(user.Email ?? Input.Email.Trim());
            Done = true;
            return Page();
        }
        foreach (var error in result.Errors)
        {
            var message = error.Code == "InvalidToken" ? BadLink : error.Description;
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty;
            ModelState.AddModelError(field, message);
        }
        return Page();
    }
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "This link is incomplete. Ask for a new one.")]
    [StringLength(2000)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters (and at most 200).")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
