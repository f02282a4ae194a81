using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Audit;

/// <summary>Writes audit events. One call per read or export of patient data.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(Guid clinicId, string? userId, string userName, string action, Guid? patientId, string? detail, string? ip,
        CancellationToken ct = default)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            ClinicId = clinicId,
            UserId = userId,
            UserName = userName,
            Action = action,
            PatientId = patientId,
            Detail = detail,
            IpAddress = ip,
        });
        await db.SaveChangesAsync(ct);
    }
}
