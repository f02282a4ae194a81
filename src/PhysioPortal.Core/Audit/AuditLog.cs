using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Audit;

/// <summary>Writes audit events. One call per read, change or export of patient data.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Who acted: the account's id and the role it acted in; never a name.</summary>
    public sealed record Actor(string? UserId, string? Role, string? IpAddress);

    public async Task RecordAsync(Guid clinicId, Actor actor, string action, Guid? patientId, string? detail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            ClinicId = clinicId,
            UserId = actor.UserId,
            ActorRole = actor.Role,
            Action = action,
            PatientId = patientId,
            Detail = detail,
            IpAddress = actor.IpAddress,
        });
        await db.SaveChangesAsync(ct);
    }
}
