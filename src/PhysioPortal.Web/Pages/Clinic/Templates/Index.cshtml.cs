using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

public class IndexModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var starred = await favourites.StarredAsync(User.UserId(), FavouriteKind.Routine);
        Templates = await db.RoutineTemplates.AsNoTracking()
            .OrderByDescending(t => starred.Contains(t.Id)).ThenBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TemplateRow(t.Id, t.Slug, t.Name, t.Condition, t.Description, t.Items.Count, starred.Contains(t.Id)))
            .ToListAsync();
    }

    public sealed record TemplateRow(Guid Id, string Slug, string Name, ExerciseGroup Condition, string Description, int ExerciseCount, bool Starred);
}
