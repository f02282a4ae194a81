using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Library;

public class ExerciseDetailsModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    public Exercise Exercise { get; private set; } = null!;
    public bool Starred { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var found = await db.Exercises.AsNoTracking().Include(e => e.Media)
            .Where(e => e.Slug == slug)
            .OrderBy(e => e.ClinicId == null) // a clinic's own exercise wins over a built-in of the same slug
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Exercise = found;
        Starred = (await favourites.StarredAsync(User.UserId(), FavouriteKind.Exercise)).Contains(found.Id);
        return Page();
    }
}
