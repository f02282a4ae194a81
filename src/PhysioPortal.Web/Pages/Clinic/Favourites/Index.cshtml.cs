using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Favourites;

/// <summary>The signed-in clinician's starred exercises and routines; the star buttons everywhere post here.</summary>
public class IndexModel(FavouriteStars favourites) : PageModel
{
    public IReadOnlyList<Exercise> Exercises { get; private set; } = [];
    public IReadOnlyList<RoutineTemplate> Routines { get; private set; } = [];

    public async Task OnGetAsync()
    {
        (Exercises, Routines) = await favourites.ListAsync(User.UserId());
    }

    /// <summary>Stars (star=true) or unstars an exercise or routine by id; 404 for anything this clinic cannot see.</summary>
    public async Task<IActionResult> OnPostAsync(string? kind, string? id, bool star, string? returnUrl)
    {
        if (!Enum.TryParse<FavouriteKind>(kind, ignoreCase: false, out var k) || !Enum.IsDefined(k)
            || !Guid.TryParse(id, out var target)
            || !await favourites.SetAsync(User.UserId(), User.ClinicId(), k, target, star))
        {
            return NotFound();
        }
        TempData["Flash"] = star ? "Starred: it comes first in the prescription builder." : "Star removed.";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Page("/Clinic/Favourites/Index")!);
    }
}
