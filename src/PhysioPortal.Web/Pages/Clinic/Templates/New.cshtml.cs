using Microsoft.AspNetCore.Mvc;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

/// <summary>
/// A new clinic routine: empty, a copy of any routine the clinic can see (?copy=slug), or one saved version of a
/// prescription (?prescription=id&amp;version=n), shown in the form to check before it is saved.
/// </summary>
public class NewModel(PortalDbContext db, FavouriteStars favourites, ClinicRoutines routines) : RoutineEditorModel(db, favourites)
{
    /// <summary>Where the routine came from, said above the form ("Prescription for …, version 2"), or null.</summary>
    [BindProperty]
    public string? Source { get; set; }

    public async Task<IActionResult> OnGetAsync(string? copy, Guid? prescription, int? version)
    {
        Input = RoutineInput.Empty();
        if (prescription is { } id)
        {
            if (await routines.FromVersionAsync(id, version ?? 1) is not { } fromVersion) return NotFound();
            Input = RoutineInput.From(fromVersion);
            Source = $"the prescription \"{fromVersion.Name}\", version {version ?? 1}";
        }
        else if (!string.IsNullOrEmpty(copy))
        {
            if (await routines.CopyOfAsync(copy) is not { } copied) return NotFound();
            Input = RoutineInput.From(copied);
            Source = $"a copy of \"{copied.Name.Replace(" (our version)", "", StringComparison.Ordinal)}\"";
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var draft = ValidDraft();
        if (draft is null) return await ShowAsync();
        var saved = await routines.CreateAsync(User.ClinicId(), draft);
        if (saved.Routine is not { } routine)
        {
            AddErrors(saved.Errors);
            return await ShowAsync();
        }
        TempData["Flash"] = $"{routine.Name} is saved as a clinic routine: it is offered in the builder under \"Start from a routine\".";
        return RedirectToPage("Details", new { slug = routine.Slug });
    }

    protected override Task<bool> LoadAsync(string? slug) => Task.FromResult(true);
}
