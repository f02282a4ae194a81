namespace PhysioPortal.Core.Tokens;

/// <summary>
/// A single-purpose token carried in a link (unsubscribe, one-tap log, invitation, calendar feed). Only its SHA-256
/// hash is stored; the token itself exists only in the link.
/// </summary>
public class LinkToken
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public required string Hash { get; set; }
    public TokenPurpose Purpose { get; set; }
    public Guid PatientId { get; set; }
    public Guid? PrescriptionId { get; set; }

    /// <summary>For a one-tap log: the patient's local date it logs; for a questionnaire: its day.</summary>
    public DateOnly? LocalDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was used (single-use purposes) or revoked.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}

public enum TokenPurpose
{
    Unsubscribe,
    OneTapLog,
    Invitation,
    Calendar,

    /// <summary>The outcome questionnaire of one day, from its email.</summary>
    Questionnaire,
}
