namespace PhysioPortal.Core.Clinics;

/// <summary>The tenant: every user, patient, custom exercise and template belongs to exactly one clinic.</summary>
public class Clinic
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone, e.g. "Europe/London"; the default for the clinic's patients.</summary>
    public string TimeZoneId { get; set; } = "Europe/London";

    public PaperSize PaperSize { get; set; } = PaperSize.A4;
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }

    /// <summary>Admins may require two-factor sign-in for the clinic's staff.</summary>
    public bool RequireTwoFactor { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum PaperSize
{
    A4,
    Letter,
}
