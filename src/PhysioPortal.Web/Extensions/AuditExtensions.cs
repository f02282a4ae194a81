using System.Security.Claims;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

/// <summary>Records an audit event for the signed-in user of a request: who (id and role), what, which patient, from where.</summary>
public static class AuditExtensions
{
    public static Task AuditAsync(this HttpContext http, AuditLog log, string action, Guid? patientId, string? detail = null,
        Guid? clinicId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        var user = http.User;
        var clinic = clinicId ?? user.ClinicIdOrNull() ?? Guid.Empty;
        return log.RecordAsync(clinic, ActorOf(http), action, patientId, detail, ct);
    }

    /// <summary>The same, with the request's own <see cref="AuditLog"/>.</summary>
    public static Task AuditAsync(this HttpContext http, string action, Guid? patientId, string? detail = null) =>
        http.AuditAsync(http.RequestServices.GetRequiredService<AuditLog>(), action, patientId, detail);

    /// <summary>The acting account of a request: its id, its strongest role, the client's address.</summary>
    public static AuditLog.Actor ActorOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        return new AuditLog.Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), role, http.Connection.RemoteIpAddress?.ToString());
    }
}
