using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Identity;
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
            var link = $"{portal.Value.PublicUrl.TrimEnd('/')}/Identity/Account/ResetPassword?code={code}&email={Uri.EscapeDataString(user.Email!)}";
            var text = $"Hello {user.DisplayName},\n\nSomeone (we hope you) asked to reset your PhysioPortal password. " +
                       $"Choose a new password here within two hours:\n\n{link}\n\nIf it was not you, ignore this email: your password stays as it is.";
            var html = $"<p>Hello {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Someone (we hope you) asked to reset your PhysioPortal password. " +
                       $"Choose a new password within two hours:</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Choose a new password</a></p>" +
                       "<p>If it was not you, ignore this email: your password stays as it is.</p>";
            try
            {
                await mailer.SendAsync(new OutgoingEmail(user.Email!, user.DisplayName, "Reset your PhysioPortal password", text, html));
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
