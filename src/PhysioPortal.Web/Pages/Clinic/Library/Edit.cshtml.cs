using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Library;

/// <summary>
/// Changes a clinic's own exercise, archives or restores it. Built-in exercises and other clinics' are 404 here:
/// a built-in one is copied first (New?copy=slug). Prescriptions already saved keep their own snapshot.
/// </summary>
public partial class EditModel(ClinicLibrary library) : PageModel
{
    [BindProperty]
    public ExerciseInput Input { get; set; } = new();

    public Exercise Exercise { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        Input = ExerciseInput.From(ExerciseDraft.Of(Exercise));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var draft = Input.ToDraft(ModelState);
        if (draft is null) return Page();
        await library.UpdateAsync(Exercise, draft);
        TempData["Flash"] = $"{Exercise.Name} is saved. Prescriptions already given keep the version the patient has.";
        return RedirectToPage("Details", new { slug });
    }

    public async Task<IActionResult> OnPostArchiveAsync(string slug) => await ArchiveAsync(slug, true);

    public async Task<IActionResult> OnPostRestoreAsync(string slug) => await ArchiveAsync(slug, false);

    private async Task<IActionResult> ArchiveAsync(string slug, bool archived)
    {
        if (!await LoadAsync(slug)) return NotFound();
        await library.SetArchivedAsync(Exercise, archived);
        TempData["Flash"] = archived
            ? $"{Exercise.Name} is archived: it is no longer offered in the builder. Patients who have it keep it."
            : $"{Exercise.Name} is back in your library.";
        return RedirectToPage("Details", new { slug });
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var exercise = await library.OwnAsync(slug);
        if (exercise is null) return false;
        Exercise = exercise;
        return true;
    }
}
