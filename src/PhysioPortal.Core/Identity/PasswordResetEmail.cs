using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Identity;

/// <summary>
/// The "reset your password" email, sent by a background job: the page that asks for it only queues the job, so it
/// answers in the same time whether or not the address has an account (an unknown address queues a job with no user,
/// which does nothing). Job arguments are an account id and the portal's address, never an email address.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class PasswordResetEmail(UserManager<PortalUser> users, SmtpMailer mailer, ILogger<PasswordResetEmail> logger)
{
    public async Task SendAsync(string? userId, string publicUrl)
    {
        if (userId is null) return;
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null) return; // erased or removed since
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        // The link carries the reset code only, never the address (links end up in logs and browser histories);
        // the page asks for the address, which a password manager fills in.
        var link = $"{publicUrl.TrimEnd('/')}/Identity/Account/ResetPassword?code={code}";
        var email = EmailComposer.PasswordReset(user.DisplayName, link);
        try
        {
            await mailer.SendAsync(new OutgoingEmail(user.Email, user.DisplayName, email.Subject, email.Text, email.Html));
        }
        catch (UnsendableEmailException ex)
        {
            logger.LogError(ex, "Password reset email for account {UserId} cannot be composed", userId); // retrying cannot help
        }
    }
}
