using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

/// <summary>
/// The routines a clinician can start from: starred first, then the clinic's own, then the built-in ones.
/// "?archived=true" lists the clinic's archived routines instead (built-in ones are never archived).
/// </summary>
public class IndexModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];
    public int ArchivedCount { get; private set; }

    public async Task OnGetAsync()
    {
        var starred = await favourites.StarredAsync(User.UserId(), FavouriteKind.Routine);
        var query = db.RoutineTemplates.AsNoTracking();
        query = Archived ? query.Where(t => t.ArchivedAt != null) : query.Where(t => t.ArchivedAt == null);
        Templates = await query
            .OrderByDescending(t => starred.Contains(t.Id)).ThenBy(t => t.ClinicId == null).ThenBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TemplateRow(t.Id, t.Slug, t.Name, t.Condition, t.Description, t.Items.Count, starred.Contains(t.Id), t.ClinicId != null))
            .ToListAsync();
        ArchivedCount = Archived ? Templates.Count : await db.RoutineTemplates.CountAsync(t => t.ArchivedAt != null);
    }

    public sealed record TemplateRow(Guid Id, string Slug, string Name, ExerciseGroup Condition, string Description, int ExerciseCount, bool Starred, bool Own);
}
