using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Library;

public class IndexModel(PortalDbContext db) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public ExerciseGroup? Group { get; private set; }
    public StartingPosition? Position { get; private set; }
    public string? FilterError { get; private set; }
    public IReadOnlyList<ExerciseRow> Exercises { get; private set; } = [];

    public async Task OnGetAsync(string? group, string? position)
    {
        // Unknown filter values are reported, not thrown: the list then shows everything for that filter.
        if (!string.IsNullOrEmpty(group))
        {
            if (Enum.TryParse<ExerciseGroup>(group, true, out var g) && Enum.IsDefined(g)) Group = g;
            else FilterError = "That group does not exist; showing all groups.";
        }
        if (!string.IsNullOrEmpty(position))
        {
            if (Enum.TryParse<StartingPosition>(position, true, out var p) && Enum.IsDefined(p)) Position = p;
            else FilterError = "That starting position does not exist; showing all positions.";
        }
        var query = db.Exercises.AsNoTracking();
        if (Group is { } gf) query = query.Where(e => e.Group == gf);
        if (Position is { } pf) query = query.Where(e => e.Position == pf);
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            q = q.Length > 100 ? q[..100] : q;
            query = query.Where(e => EF.Functions.ILike(e.Name, "%" + EscapeLike(q) + "%", "\\"));
        }
        Exercises = await query
            .OrderBy(e => e.Group).ThenBy(e => e.SortOrder).ThenBy(e => e.Name)
            .Select(e => new ExerciseRow(e.Slug, e.Name, e.Group, e.Position, e.Equipment, e.VariantNote, e.DefaultDosage))
            .ToListAsync();
    }

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public sealed record ExerciseRow(string Slug, string Name, ExerciseGroup Group, StartingPosition Position, Equipment Equipment, string? VariantNote, Dosage Dosage);
}
