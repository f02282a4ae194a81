using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Pages.Admin;

/// <summary>
/// The clinic's audit log, newest first, read-only (the table itself refuses updates and deletes). Rows hold account
/// ids and roles; names are looked up here, so an erased patient reads "Erased patient".
/// </summary>
public class AuditModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "action")]
    public string? ActionFilter { get; set; }

    public IReadOnlyList<Row> Events { get; private set; } = [];
    public bool HasMore { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Actions => AuditActions.All;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(ActionFilter)) query = query.Where(a => a.Action == ActionFilter);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new
            {
                a.At, a.UserId, a.ActorRole, a.Action, a.PatientId, a.Detail, a.IpAddress,
                UserName = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                PatientName = db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            })
            .ToListAsync();
        HasMore = rows.Count > PageSize;
        Events = rows.Take(PageSize)
            .Select(a => new Row(a.At, Who(a.UserId, a.ActorRole, a.UserName), AuditActions.NameOf(a.Action), a.PatientId, a.PatientName, a.Detail, a.IpAddress))
            .ToList();
    }

    /// <summary>"Name (role)" for an account that exists; what became of it otherwise.</summary>
    public static string Who(string? userId, string? role, string? displayName) =>
        userId is null ? "Someone with a link from an email"
        : displayName is not null ? $"{displayName} ({role ?? "no role"})"
        : role == PhysioPortal.Core.Identity.Roles.Patient ? "Erased patient"
        : $"Removed account ({role ?? "no role"})";

    public sealed record Row(DateTimeOffset At, string User, string Action, Guid? PatientId, string? PatientName, string? Detail, string? Ip);
}
