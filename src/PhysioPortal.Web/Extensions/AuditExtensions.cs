using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

/// <summary>Records an audit event for the signed-in user of a request (staff pages only): who, what, which patient, from where.</summary>
public static class AuditExtensions
{
    public static Task AuditAsync(this HttpContext http, AuditLog log, string action, Guid? patientId, string? detail = null)
    {
        var user = http.User;
        return log.RecordAsync(user.ClinicId(), user.UserId(), user.Identity?.Name ?? user.DisplayName(),
            action, patientId, detail, http.Connection.RemoteIpAddress?.ToString());
    }
}
