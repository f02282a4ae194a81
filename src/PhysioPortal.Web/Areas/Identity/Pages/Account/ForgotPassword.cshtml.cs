using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Asks for a reset link. The email is queued, not sent here, and an unknown address queues the same (empty) job, so
/// neither the answer nor its timing tells whether the address has an account.
/// </summary>
[AllowAnonymous]
public class ForgotPasswordModel(UserManager<PortalUser> users, IBackgroundJobClient jobs, IOptions<PortalOptions> portal) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var userId = user?.Id;
        var publicUrl = portal.Value.PublicUrl;
        jobs.Enqueue<PasswordResetEmail>(j => j.SendAsync(userId, publicUrl));
        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    public string Email { get; set; } = "";
}
