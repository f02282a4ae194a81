namespace PhysioPortal.Core.Email;

/// <summary>SMTP settings, bound from the "Email" section (Email__SmtpHost, Email__Tls, Email__Password, ...).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP host; when empty, emails are written to the log instead of sent (development only).</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;

    /// <summary>How the connection is secured: None (local catchers), StartTls (port 587) or SslOnConnect (port 465).</summary>
    public SmtpTls Tls { get; set; } = SmtpTls.None;

    /// <summary>Older switch, kept for existing settings: true means <see cref="SmtpTls.StartTls"/>.</summary>
    public bool UseStartTls { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@physioportal.local";
    public string FromName { get; set; } = "PhysioPortal";

    /// <summary>Seconds MailKit waits for the server on each step (connect, each command) before giving up.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public SmtpTls EffectiveTls => Tls == SmtpTls.None && UseStartTls ? SmtpTls.StartTls : Tls;
}

public enum SmtpTls
{
    None,
    StartTls,
    SslOnConnect,
}
