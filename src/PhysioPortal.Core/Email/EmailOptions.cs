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

    /// <summary>
    /// DKIM: the selector (the "s=" of the signature; the public key is published at SELECTOR._domainkey.DOMAIN).
    /// Emails are signed when this and <see cref="DkimPrivateKeyFile"/> are set.
    /// </summary>
    public string? DkimSelector { get; set; }

    /// <summary>DKIM: a PEM file with the RSA private key (relative paths are from the app's folder).</summary>
    public string? DkimPrivateKeyFile { get; set; }

    /// <summary>DKIM: the signing domain ("d="); the sender address's domain when empty.</summary>
    public string? DkimDomain { get; set; }

    /// <summary>Development only: create an RSA key at <see cref="DkimPrivateKeyFile"/> when it does not exist yet.</summary>
    public bool DkimCreateKey { get; set; }

    /// <summary>The sender address's domain, e.g. "physioportal.local".</summary>
    public string FromDomain => FromAddress.Contains('@', StringComparison.Ordinal) ? FromAddress[(FromAddress.LastIndexOf('@') + 1)..] : "";

    /// <summary>
    /// Why these settings cannot send real email from a production server, or null: the default ".local" sender
    /// fails SPF and DMARC at every large mailbox provider (their 2024 bulk-sender rules), so nothing would arrive.
    /// </summary>
    public string? ProductionProblem()
    {
        var domain = FromDomain.TrimEnd('.').ToLowerInvariant();
        if (domain.Length == 0 || !domain.Contains('.', StringComparison.Ordinal) || domain.EndsWith(".local", StringComparison.Ordinal)
            || domain is "localhost" || domain.EndsWith(".localhost", StringComparison.Ordinal) || domain.EndsWith(".test", StringComparison.Ordinal)
            || domain.EndsWith(".example", StringComparison.Ordinal) || domain.EndsWith(".invalid", StringComparison.Ordinal))
        {
            return $"Email:FromAddress is \"{FromAddress}\": in Production the sender must be an address of the clinic's own domain, " +
                   "with SPF, DKIM and DMARC set up for it (see the README, \"Email in production\"); mailbox providers reject or bin " +
                   "mail from a domain that cannot pass them. Set Email__FromAddress, for example no-reply@clinic.example.org.";
        }
        return null;
    }

    public SmtpTls EffectiveTls => Tls == SmtpTls.None && UseStartTls ? SmtpTls.StartTls : Tls;
}

public enum SmtpTls
{
    None,
    StartTls,
    SslOnConnect,
}
