using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

public class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Templates = await db.RoutineTemplates.AsNoTracking()
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TemplateRow(t.Slug, t.Name, t.Condition, t.Description, t.Items.Count))
            .ToListAsync();
    }

    public sealed record TemplateRow(string Slug, string Name, ExerciseGroup Condition, string Description, int ExerciseCount);
}
