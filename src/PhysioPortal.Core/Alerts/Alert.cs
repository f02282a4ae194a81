namespace PhysioPortal.Core.Alerts;

/// <summary>
/// Something a patient reported that a clinician should look at. Open → seen → resolved (with an optional note),
/// each step stamped with who and when. Raised once: the unique key makes raising it again a no-op.
/// </summary>
public class Alert
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public Guid PatientId { get; set; }
    public Guid? PrescriptionId { get; set; }

    /// <summary>The log that raised it (none for missed days).</summary>
    public Guid? SessionLogId { get; set; }

    /// <summary>The clinician whose inbox it lands in: the one who saved the prescription's newest version.</summary>
    public string ClinicianUserId { get; set; } = "";

    public AlertKind Kind { get; set; }
    public AlertState State { get; set; } = AlertState.Open;
    public required string UniqueKey { get; set; }
    public required string Summary { get; set; }

    /// <summary>For warning signs: the words of the note that matched (shown highlighted).</summary>
    public List<string> Matched { get; set; } = [];

    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? SeenAt { get; set; }
    public string? SeenByName { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedByUserId { get; set; }
    public string? ResolvedByName { get; set; }
    public string? ResolutionNote { get; set; }

    /// <summary>The kinds that email the clinician at once (and so stay out of the weekly digest).</summary>
    public static readonly AlertKind[] UrgentKinds = [AlertKind.WarningSign];

    /// <summary>Only urgent kinds email the clinician at once; the others wait for the weekly digest.</summary>
    public static bool IsUrgent(AlertKind kind) => UrgentKinds.Contains(kind);
}

public enum AlertKind
{
    PainAfterSession,
    PainRising,
    TooHard,
    WarningSign,
    MissedDays,
    OutcomeWorse,
}

public enum AlertState
{
    Open,
    Seen,
    Resolved,
}
