namespace PhysioPortal.Core.Reminders;

/// <summary>
/// Every email the portal will send is a row first. The unique key makes planning idempotent; the state machine
/// (pending → sending → sent / failed, or cancelled) makes sending exactly-once from the patient's side
/// (docs/decisions/0002-every-email-a-row-first.md).
/// </summary>
public class ScheduledEmail
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public EmailKind Kind { get; set; }
    public Guid? PatientId { get; set; }
    public Guid? PrescriptionId { get; set; }

    /// <summary>For the clinician digest: the clinician it goes to.</summary>
    public string? ClinicianUserId { get; set; }

    /// <summary>For an alert email: the alert it tells the clinician about.</summary>
    public Guid? AlertId { get; set; }

    /// <summary>The recipient's local date the email is about (reminder day, digest week's Monday).</summary>
    public DateOnly? LocalDate { get; set; }

    /// <summary>e.g. "reminder:{prescription}:{2026-12-01}"; unique, so planning twice never makes two rows.</summary>
    public required string UniqueKey { get; set; }

    public DateTimeOffset DueAt { get; set; }
    public EmailState State { get; set; } = EmailState.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>When a sender claimed the row (state Sending) and who: a claim older than the lease is stale.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum EmailKind
{
    NewPrescription,
    Reminder,
    CheckIn,
    Nudge,
    ClinicianDigest,
    Invitation,

    /// <summary>To the clinician, at once: a patient's note names a warning sign.</summary>
    ClinicianAlert,
}

public enum EmailState
{
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}
