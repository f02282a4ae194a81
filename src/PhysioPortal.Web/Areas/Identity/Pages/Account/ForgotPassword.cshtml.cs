using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public class ForgotPasswordModel(UserManager<PortalUser> users, SmtpMailer mailer, IOptions<PortalOptions> portal, ILogger<ForgotPasswordModel> logger)
    : PageModel
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
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            // The link carries the reset code only, never the address (links end up in logs and browser histories);
            // the page asks for the address, which a password manager fills in.
            var link = $"{portal.Value.PublicUrl.TrimEnd('/')}/Identity/Account/ResetPassword?code={code}";
            var email = EmailComposer.PasswordReset(user.DisplayName, link);
            try
            {
                await mailer.SendAsync(new OutgoingEmail(user.Email!, user.DisplayName, email.Subject, email.Text, email.Html));
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException)
            {
                logger.LogError(ex, "Password reset email could not be sent");
                ModelState.AddModelError(string.Empty, "We could not send the email just now. Please try again in a few minutes.");
                return Page();
            }
        }
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
