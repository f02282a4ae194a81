namespace PhysioPortal.Core.Audit;

/// <summary>
/// Who looked at or exported which patient's data, when and from where. Append-only: the database refuses updates
/// and deletes of this table (a trigger in the migration).
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid ClinicId { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>What was done, e.g. "handout.download", "patient.read", "patient.export".</summary>
    public required string Action { get; set; }

    public Guid? PatientId { get; set; }

    /// <summary>Which record, e.g. "prescription 3f2…/v2".</summary>
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
