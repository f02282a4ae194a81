using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Pages.Admin;

/// <summary>The clinic's audit log, newest first, read-only (the table itself refuses updates and deletes).</summary>
public class AuditModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "action")]
    public string? ActionFilter { get; set; }

    public IReadOnlyList<Row> Events { get; private set; } = [];
    public bool HasMore { get; private set; }
    public IReadOnlyList<string> Actions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Actions = await db.AuditEvents.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync();
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(ActionFilter)) query = query.Where(a => a.Action == ActionFilter);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new Row(a.At, a.UserName, a.Action, a.PatientId,
                db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(), a.Detail, a.IpAddress))
            .ToListAsync();
        HasMore = rows.Count > PageSize;
        Events = rows.Take(PageSize).ToList();
    }

    public sealed record Row(DateTimeOffset At, string User, string Action, Guid? PatientId, string? PatientName, string? Detail, string? Ip);
}
