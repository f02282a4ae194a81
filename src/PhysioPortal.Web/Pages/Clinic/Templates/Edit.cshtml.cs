using Microsoft.AspNetCore.Mvc;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

/// <summary>
/// Changes a clinic routine (name, condition, note, schedule, exercises, dosages, order), archives or restores it.
/// Built-in routines and other clinics' are 404 here: a built-in one is copied first (New?copy=slug). Prescriptions
/// already saved from the routine keep their own copy of its exercises.
/// </summary>
public class EditModel(PortalDbContext db, FavouriteStars favourites, ClinicRoutines routines) : RoutineEditorModel(db, favourites)
{
    public RoutineTemplate Routine { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        Input = RoutineInput.From(RoutineDraft.Of(Routine));
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var draft = ValidDraft();
        if (draft is null) return await ShowAsync();
        var saved = await routines.UpdateAsync(Routine, draft);
        if (!saved.Ok)
        {
            AddErrors(saved.Errors);
            return await ShowAsync();
        }
        TempData["Flash"] = $"{Routine.Name} is saved. Patients already given it keep what they were given.";
        return RedirectToPage("Details", new { slug });
    }

    public async Task<IActionResult> OnPostArchiveAsync(string slug) => await ArchiveAsync(slug, true);

    public async Task<IActionResult> OnPostRestoreAsync(string slug) => await ArchiveAsync(slug, false);

    private async Task<IActionResult> ArchiveAsync(string slug, bool archived)
    {
        if (!await LoadAsync(slug)) return NotFound();
        await routines.SetArchivedAsync(Routine, archived);
        TempData["Flash"] = archived
            ? $"{Routine.Name} is archived: it is no longer offered in the builder. Patients who have it keep it."
            : $"{Routine.Name} is back: the builder offers it again.";
        return RedirectToPage("Details", new { slug });
    }

    protected override async Task<bool> LoadAsync(string? slug)
    {
        var routine = slug is null ? null : await routines.OwnAsync(slug);
        if (routine is null) return false;
        Routine = routine;
        return true;
    }
}
