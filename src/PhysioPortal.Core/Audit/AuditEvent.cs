namespace PhysioPortal.Core.Audit;

/// <summary>
/// Who looked at, changed or exported which patient's data, when and from where. Append-only: the database refuses
/// updates and deletes of this table (a trigger in the migration). "Who" is the acting account's id and role, never a
/// name or an email: names are looked up when the log is shown, so an erased patient leaves no name here.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid ClinicId { get; set; }
    public string? UserId { get; set; }

    /// <summary>The role the account acted in ("Admin", "Clinician", "Patient"); null for a link without an account.</summary>
    public string? ActorRole { get; set; }

    /// <summary>What was done: one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public Guid? PatientId { get; set; }

    /// <summary>Which record, e.g. "prescription 3f2…/v2" (ids only, never names).</summary>
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
