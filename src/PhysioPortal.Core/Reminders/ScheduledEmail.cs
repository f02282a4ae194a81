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

    /// <summary>
    /// When a sender claimed the row (state Sending) or last renewed the claim, and who: a claim older than the lease
    /// is stale (its sender stopped).
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }
    public string? ClaimedBy { get; set; }

    /// <summary>
    /// When the current sender began handing this email's content to the mail server (its SMTP transaction reached
    /// DATA). A stale claim without it never left and goes out again by itself; with it, the outcome is unknown.
    /// </summary>
    public DateTimeOffset? DataStartedAt { get; set; }

    /// <summary>How often a sender stopped while handing this email over (it is resent once, for some kinds only).</summary>
    public int UnknownOutcomes { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class EmailKinds
{
    /// <summary>
    /// Kinds that are sent once more, with the same Message-ID, when a sender stopped while handing them to the mail
    /// server: a second reminder or check-in does no harm (and a receiver drops an exact duplicate). The others — a
    /// new routine with its handout, an invitation with its link, the digest, an alert to a clinician — wait for an
    /// admin instead.
    /// </summary>
    public static bool ResendOnceWhenOutcomeUnknown(EmailKind kind) => kind is EmailKind.Reminder or EmailKind.CheckIn or EmailKind.Nudge or EmailKind.Questionnaire;
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

    /// <summary>The outcome questionnaire (PSFS, and the global rating at follow-ups): at the start, then every 2 weeks.</summary>
    Questionnaire,
}

public enum EmailState
{
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}
