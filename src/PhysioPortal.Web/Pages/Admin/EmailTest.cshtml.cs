using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Web.Pages.Admin;

/// <summary>Sends a test email with the portal's SMTP settings and shows what happened, in plain words.</summary>
public class EmailTestModel(SmtpMailer mailer, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the address to send the test email to.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
    [StringLength(254)]
    [Display(Name = "Send to")]
    public string To { get; set; } = "";

    public string Server { get; private set; } = "";
    public string? MessageId { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        Server = Describe(mailer.Options);
        To = User.Identity?.Name ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Server = Describe(mailer.Options);
        if (!ModelState.IsValid) return Page();
        var o = mailer.Options;
        var when = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var email = new OutgoingEmail(To.Trim(), To.Trim(), "PhysioPortal test email",
            $"This is a test email from PhysioPortal, sent {when} through {Server}. If you can read it, email works.",
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PhysioPortal test email</title></head><body><p>This is a test email from PhysioPortal, sent {when}.</p><p>If you can read it, email works.</p></body></html>");
        try
        {
            MessageId = await mailer.SendAsync(email, HttpContext.RequestAborted);
        }
        catch (Exception ex) when (SmtpErrors.IsSmtpFailure(ex) || ex is OperationCanceledException)
        {
            Error = SmtpErrors.Describe(ex, o);
        }
        return Page();
    }

    private static string Describe(EmailOptions o) =>
        string.IsNullOrWhiteSpace(o.SmtpHost)
            ? "no SMTP server (Email:SmtpHost is empty: emails are only written to the log)"
            : $"{o.SmtpHost}:{o.SmtpPort}, TLS {o.EffectiveTls}, {(string.IsNullOrEmpty(o.UserName) ? "no sign-in" : "signing in as " + o.UserName)}, from {o.FromAddress}";
}
