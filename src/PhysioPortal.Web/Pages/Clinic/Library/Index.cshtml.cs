using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Library;

public class IndexModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "")]
    public LibraryFilterInput Find { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public string? FilterError { get; private set; }
    public int Total { get; private set; }
    public IReadOnlyList<ExerciseRow> Exercises { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var (filter, error) = Find.ToFilter();
        FilterError = error;
        filter = filter with { IncludeArchived = Archived };
        var query = LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter);
        var starred = await favourites.StarredAsync(User.UserId(), FavouriteKind.Exercise);
        (Exercises, Total) = await LibrarySearch.ReadAsync(db, filter, async ct =>
        {
            var rows = await LibrarySearch.Ordered(query, filter)
                .Select(e => new ExerciseRow(e.Id, starred.Contains(e.Id), e.Slug, e.Name, e.Group, e.Position, e.Equipment, e.VariantNote, e.DefaultDosage, e.Regions,
                    e.ClinicId != null, e.ArchivedAt != null,
                    e.Media.Where(m => m.Kind == MediaKind.Photo).OrderBy(m => m.Position).Select(m => m.Key).FirstOrDefault()))
                .Take(PageSize)
                .ToListAsync(ct);
            // A page that is not full holds every match: counting them again would only repeat the search.
            return (rows, rows.Count < PageSize ? rows.Count : await query.CountAsync(ct));
        }, HttpContext.RequestAborted);
    }

    public sealed record ExerciseRow(Guid Id, bool Starred, string Slug, string Name, ExerciseGroup Group, StartingPosition Position, Equipment Equipment,
        string? VariantNote, Dosage Dosage, BodyRegions Regions, bool IsOwn, bool IsArchived, string? FirstPhotoKey);
}
