using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Web.Pages.Clinic.Library;
using PhysioPortal.Web.Pages.Shared;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

/// <summary>
/// A clinic routine's editor (New and Edit): the routine's fields and its exercise list, put together without
/// JavaScript. Every step (search, add, move, remove) posts the whole form and the page comes back with the list
/// changed, so nothing typed is lost; only Save stores anything.
/// </summary>
public abstract class RoutineEditorModel(PortalDbContext db, FavouriteStars favourites) : PageModel
{
    [BindProperty]
    public RoutineInput Input { get; set; } = new();

    [BindProperty]
    public LibraryFilterInput Find { get; set; } = new();

    public ExerciseSearchView Search { get; private set; } = new(new(), null, [], []);

    /// <summary>The exercises of the list the clinic can see, by id, with their photos.</summary>
    public Dictionary<Guid, Exercise> Exercises { get; private set; } = [];

    public string? Notice { get; protected set; }

    /// <summary>Finds what the page works on (the routine being changed); false: 404.</summary>
    protected abstract Task<bool> LoadAsync(string? slug);

    public async Task<IActionResult> OnPostSearchAsync(string? slug) =>
        await LoadAsync(slug) ? await ShowAsync(clearState: true) : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string? slug, Guid add)
    {
        if (!await LoadAsync(slug)) return NotFound();
        Notice = await ExerciseList.AddAsync(db, Input.Items, add);
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? slug, int index)
    {
        if (!await LoadAsync(slug)) return NotFound();
        ExerciseList.Remove(Input.Items, index);
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostUpAsync(string? slug, int index) => await MoveAsync(slug, index, -1);

    public async Task<IActionResult> OnPostDownAsync(string? slug, int index) => await MoveAsync(slug, index, +1);

    private async Task<IActionResult> MoveAsync(string? slug, int index, int by)
    {
        if (!await LoadAsync(slug)) return NotFound();
        ExerciseList.Move(Input.Items, index, by);
        return await ShowAsync(clearState: true);
    }

    /// <summary>The draft, or null with every problem beside its field (what could not be read and what makes no sense).</summary>
    protected RoutineDraft? ValidDraft()
    {
        var draft = Input.ToDraft(ModelState);
        foreach (var (field, message) in draft.Validate()) AddError(field, message);
        return ModelState.IsValid ? draft : null;
    }

    /// <summary>Problems found when saving (an exercise of another clinic, an archived one), beside their fields.</summary>
    protected void AddErrors(IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors) AddError(field, message);
    }

    private void AddError(string field, string message)
    {
        var key = $"Input.{field}";
        if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) ModelState.AddModelError(key, message);
    }

    /// <summary>Fills what the page shows besides the form: the chosen exercises and the search results.</summary>
    protected async Task<IActionResult> ShowAsync(bool clearState = false)
    {
        if (clearState)
        {
            // The list changed on the server: inputs must show the new values, not the posted ones.
            ModelState.Clear();
        }
        Input.Items = Input.Items.Take(Core.Prescriptions.PrescriptionDraft.MaxExercises + 5).ToList();
        var ids = Input.Items.Select(i => i.ExerciseId).Distinct().ToList();
        Exercises = await db.Exercises.AsNoTracking().Include(e => e.Media).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
        Search = await ExerciseList.SearchAsync(db, favourites, User.UserId(), Find, ids);
        return Page();
    }
}
