namespace PhysioPortal.Core.Email;

/// <summary>SMTP settings, bound from the "Email" section (Email__SmtpHost, ...).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP host; when empty, emails are written to the log instead of sent (development only).</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@physioportal.local";
    public string FromName { get; set; } = "PhysioPortal";
}
