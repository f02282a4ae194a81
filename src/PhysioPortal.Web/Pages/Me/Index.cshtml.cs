using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Me;

public class IndexModel(PortalDbContext db) : PageModel
{
    public string FirstName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var patientId = Guid.Parse(User.FindFirst(PortalClaims.PatientId)!.Value);
        var name = await db.Patients.Where(p => p.Id == patientId).Select(p => p.FirstName).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        FirstName = name;
        return Page();
    }
}
