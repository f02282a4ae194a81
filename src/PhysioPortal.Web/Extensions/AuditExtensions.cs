using System.Security.Claims;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

/// <summary>Records an audit event for the signed-in user of a request: who, what, which patient, from where.</summary>
public static class AuditExtensions
{
    public static Task AuditAsync(this HttpContext http, AuditLog log, string action, Guid? patientId, string? detail = null)
    {
        var user = http.User;
        var clinicId = Guid.TryParse(user.FindFirst(PortalClaims.ClinicId)?.Value, out var c) ? c : Guid.Empty;
        return log.RecordAsync(clinicId, user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "anonymous",
            action, patientId, detail, http.Connection.RemoteIpAddress?.ToString());
    }
}
