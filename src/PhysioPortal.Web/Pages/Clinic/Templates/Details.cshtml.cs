using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

public class TemplateDetailsModel(PortalDbContext db) : PageModel
{
    public RoutineTemplate Template { get; private set; } = null!;
    public string DaysText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var found = await db.RoutineTemplates.AsNoTracking()
            .Include(t => t.Items).ThenInclude(i => i.Exercise)
            .Where(t => t.Slug == slug)
            .OrderBy(t => t.ClinicId == null)
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Template = found;
        DaysText = Template.DefaultDays.Text();
        return Page();
    }
}
