using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Admin;

public class IndexModel(PortalDbContext db) : PageModel
{
    public string ClinicName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public PaperSize PaperSize { get; private set; }
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var clinicId = User.ClinicId();
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == clinicId);
        (ClinicName, TimeZoneId, PaperSize) = (clinic.Name, clinic.TimeZoneId, clinic.PaperSize);
        Staff = await (from u in db.Users
                       where u.ClinicId == clinicId
                       join ur in db.UserRoles on u.Id equals ur.UserId
                       join r in db.Roles on ur.RoleId equals r.Id
                       where r.Name != Roles.Patient
                       orderby u.DisplayName
                       select new StaffRow(u.DisplayName, u.Email ?? "", r.Name ?? ""))
            .ToListAsync();
    }

    public sealed record StaffRow(string Name, string Email, string Role);
}
