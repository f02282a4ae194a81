using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

public class TemplateDetailsModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    public RoutineTemplate Template { get; private set; } = null!;
    public string DaysText { get; private set; } = "";
    public bool Starred { get; private set; }

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
        Starred = (await favourites.StarredAsync(User.UserId(), FavouriteKind.Routine)).Contains(found.Id);
        DaysText = Template.DefaultDays.Text();
        return Page();
    }
}
