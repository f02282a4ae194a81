using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Bench;

/// <summary>
/// The bench's floor: the layout of the empty page and one row read by its primary key through EF Core (the signed-in
/// user's clinic), the least any page that touches the database costs on this stack. Served only when the bench
/// turns it on (<c>Bench:Yardsticks=true</c>); a 404 for everyone otherwise, as in production.
/// </summary>
[AllowAnonymous]
public class FloorModel(PortalDbContext db, IConfiguration config) : PageModel
{
    public const string Setting = "Bench:Yardsticks";

    public string? ClinicName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!config.GetValue<bool>(Setting)) return NotFound();
        var clinicId = User.ClinicIdOrNull();
        ClinicName = await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return Page();
    }
}
