using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Web.Pages;

/// <summary>The invitation link: the patient chooses a password and lands on their home page.</summary>
[AllowAnonymous]
public class InviteModel(LinkTokens tokens, PatientInvitations invitations, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public bool Valid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Valid = await tokens.FindAsync(token, TokenPurpose.Invitation) is not null;
        if (!Valid) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Valid = await tokens.FindAsync(token, TokenPurpose.Invitation) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        var (user, errors) = await invitations.AcceptAsync(token, Input.Password);
        if (user is null)
        {
            foreach (var e in errors) ModelState.AddModelError("Input.Password", e);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = "Welcome! Your account is ready.";
        return RedirectToPage("/Me/Index");
    }
}

public sealed class InviteInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters (and at most 200).")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
