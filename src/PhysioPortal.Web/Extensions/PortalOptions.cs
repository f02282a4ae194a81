namespace PhysioPortal.Web.Extensions;

/// <summary>Start-up behaviour, bound from the "Portal" section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Apply EF migrations at start (development, docker compose, tests). Production uses the SQL script.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>Create the demo clinic with its logins (development only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>The portal's public address, used in emails and the handout's QR code.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";
}
