using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Safety;

using PhysioPortal.Web.Extensions;
using PhysioPortal.Web.Pages.Shared;
using PhysioPortal.Web.Pages.Clinic.Templates;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// The prescription builder. Works without JavaScript: every action (add, remove, move, template, save) posts the
/// whole form and the page comes back with the draft changed, so nothing typed is lost between steps.
/// </summary>
public class PrescribeModel(PortalDbContext db, PrescriptionService prescriptions, FavouriteStars favourites, ClinicRoutines routines) : PageModel
{
    [BindProperty]
    public PrescribeInput Input { get; set; } = new();

    /// <summary>The name typed in the search box (older forms post it as "Query"; the filters post "Find.*").</summary>
    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public Library.LibraryFilterInput Find { get; set; } = new();

    /// <summary>The library search under the list: filters as typed, results, stars.</summary>
    public ExerciseSearchView Search { get; private set; } = new(new(), null, [], []);

    /// <summary>"Save this list as a clinic routine": name, condition and note of the routine to make.</summary>
    [BindProperty]
    public RoutineFromBuilderInput NewRoutine { get; set; } = new();

    /// <summary>The routine just saved from the builder (a link to it is shown), or null.</summary>
    public (string Slug, string Name)? SavedRoutine { get; private set; }

    public Patient Patient { get; private set; } = null!;
    public bool IsNewPrescription { get; private set; }
    public int? CurrentVersion { get; private set; }
    public Dictionary<Guid, Exercise> Exercises { get; private set; } = [];
    public IReadOnlyList<SafetyWarning> Warnings { get; private set; } = [];

    /// <summary>For each warning about one exercise (by its slug): that exercise and the safer library alternatives.</summary>
    public Dictionary<string, (Exercise From, Dosage Dosage, IReadOnlyList<Exercise> Alternatives)> Alternatives { get; private set; } = [];
    public IReadOnlyList<(string Slug, string Name, ExerciseGroup Condition, bool Starred, bool Own)> Templates { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? ConflictMessage { get; private set; }
    public bool AskAcknowledgement { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? template)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        var active = await prescriptions.ActiveAsync(id);
        if (active is not null && template is null)
        {
            var latest = active.Versions.OrderByDescending(v => v.Number).First();
            Input = PrescribeInput.From(new PrescriptionDraft(latest.Title, latest.TemplateSlug, latest.Days, latest.SessionsPerDay,
                latest.ReminderTime, latest.StartDate, latest.Weeks, latest.NoteToPatient,
                latest.Exercises.OrderBy(e => e.Position).Select(e => new DraftItem(e.ExerciseId, e.Dosage, e.Note)).ToList()), active.RowVersion);
        }
        else
        {
            var slug = template ?? await PreselectedTemplateAsync();
            var made = slug is null ? null : await prescriptions.SaferFromTemplateAsync(slug, Patient);
            Input = PrescribeInput.From(made?.Draft ?? await EmptyDraftAsync(), active?.RowVersion);
            Input.Swaps = Swapped(made);
            if (template is not null && made is null) Notice = await NotOfferedAsync(template) + " Starting from an empty routine.";
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostTemplateAsync(Guid id, string? templateSlug)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        var made = string.IsNullOrEmpty(templateSlug) ? null : await prescriptions.SaferFromTemplateAsync(templateSlug, Patient);
        if (made is not { Draft: var draft })
        {
            Notice = string.IsNullOrEmpty(templateSlug) ? "Choose a routine from the list first." : await NotOfferedAsync(templateSlug);
        }
        else
        {
            var keep = Input;
            Input = PrescribeInput.From(draft, keep.RowVersion);
            Input.NoteToPatient = keep.NoteToPatient;
            Input.Swaps = Swapped(made);
            Notice = $"Started from \"{draft.Title}\": {draft.Items.Count} exercises with their usual dosage.";
        }
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostClearAsync(Guid id)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        Input.Items.Clear();
        Input.TemplateSlug = null;
        Notice = "The routine is empty. Add exercises from the library below.";
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostSearchAsync(Guid id)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, Guid add)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        Notice = await ExerciseList.AddAsync(db, Input.Items, add);
        return await ShowAsync(clearState: true);
    }

    /// <summary>
    /// Swaps one exercise of the routine for another (a safer alternative, or back: the undo), keeping its note, and its
    /// dosage when that suits the new exercise (<see cref="SaferSwaps.DosageFor"/>). <paramref name="swap"/> is "from:to". An exercise the clinic cannot see is refused; nothing changes.
    /// </summary>
    public async Task<IActionResult> OnPostSwapAsync(Guid id, string? swap)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        var parts = (swap ?? "").Split(':');
        var index = parts.Length == 2 && Guid.TryParse(parts[0], out var fromId) ? Input.Items.FindIndex(i => i.ExerciseId == fromId) : -1;
        var to = index >= 0 && Guid.TryParse(parts[1], out var toId) ? await db.Exercises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == toId) : null;
        if (to is null) Notice = "That swap is not possible: choose an alternative offered below a warning.";
        else if (Input.Items.Any(i => i.ExerciseId == to.Id)) Notice = $"{to.Name} is already in the routine.";
        else
        {
            var item = Input.Items[index];
            var from = item.ExerciseId;
            var dosage = item.ToItem().Dosage;
            Input.Items[index] = PrescribeItemInput.From(new DraftItem(to.Id, SaferSwaps.DosageFor(dosage, to), item.Note));
            // Undoing a swap the portal made: it is no longer a swap to mention.
            var undone = Input.Swaps.RemoveAll(s => s.FromId == to.Id && s.ToId == from) > 0;
            Notice = undone ? $"Put back as it was: {to.Name}." : $"Swapped in {to.Name}, {SaferSwaps.DosageText(dosage, to)}.";
        }
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, int index)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        ExerciseList.Remove(Input.Items, index);
        return await ShowAsync(clearState: true);
    }

    public async Task<IActionResult> OnPostUpAsync(Guid id, int index) => await MoveAsync(id, index, -1);

    public async Task<IActionResult> OnPostDownAsync(Guid id, int index) => await MoveAsync(id, index, +1);

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        var (draft, parseErrors) = Input.ToDraft();
        // Report every problem at once: what could not be read, and what was read but makes no sense.
        var problems = draft is null ? parseErrors : draft.Validate(prescriptions.PatientToday(Patient));
        foreach (var (field, message) in problems) ModelState.AddModelError($"Input.{field}", message);
        if (!ModelState.IsValid || draft is null) return await ShowAsync();

        // The warnings of what is being saved, each ticked or not: all ticked acknowledges exactly this set.
        var warnings = PrescriptionService.Check(Patient, draft, await prescriptions.ExercisesAsync(draft.Items.Select(i => i.ExerciseId)));
        var acknowledged = warnings.All(w => Input.Acknowledged.Contains(WarningKey(w))) ? PrescriptionService.Fingerprint(warnings) : null;
        var outcome = await prescriptions.SaveAsync(id, draft, Input.RowVersion, acknowledged,
            User.UserId(), User.DisplayName());
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                await Extensions.AuditExtensions.AuditAsync(HttpContext, PhysioPortal.Core.Audit.AuditActions.PrescriptionSave, id, $"prescription {saved.PrescriptionId} v{saved.VersionNumber}");
                TempData["Flash"] = saved.VersionNumber == 1 ? "Prescription saved." : $"Saved as version {saved.VersionNumber}.";
                return RedirectToPage("/Clinic/Patients/Details", new { id });
            case SaveOutcome.Unchanged unchanged:
                TempData["Flash"] = $"Nothing changed, so version {unchanged.VersionNumber} stays as it is and nothing was sent to the patient.";
                return RedirectToPage("/Clinic/Patients/Details", new { id });
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors) ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);
                return await ShowAsync();
            case SaveOutcome.NeedsAcknowledgement:
                AskAcknowledgement = true;
                ModelState.AddModelError("Input.Acknowledged", "Read each safety warning and tick it to confirm you have considered it.");
                return await ShowAsync();
            case SaveOutcome.Conflict conflict:
                Input.RowVersion = conflict.CurrentRowVersion;
                ConflictMessage = conflict.CurrentRowVersion is null
                    ? "This prescription was ended while you were editing. Your changes are still below; saving will start a new prescription."
                    : $"{conflict.By} saved a new version at {conflict.At:HH:mm} while you were editing ({conflict.Summary}). " +
                      "Your changes are still below and were not saved: check them against the new version and save again to replace it.";
                ModelState.Remove("Input.RowVersion");
                return await ShowAsync();
            default:
                throw new InvalidOperationException("Unknown save outcome");
        }
    }

    private async Task<IActionResult> MoveAsync(Guid id, int index, int by)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        ExerciseList.Move(Input.Items, index, by);
        return await ShowAsync(clearState: true);
    }

    private async Task<bool> LoadPatientAsync(Guid id)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null) return false;
        Patient = patient;
        return true;
    }

    /// <summary>Fills what the page shows besides the form: names of the chosen exercises, warnings, search, templates.</summary>
    private async Task<IActionResult> ShowAsync(bool clearState = false)
    {
        if (clearState)
        {
            // The draft changed on the server: inputs must show the new values, not the posted ones.
            ModelState.Clear();
        }
        var active = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == Patient.Id && p.Status == PrescriptionStatus.Active)
            .Select(p => new { p.CurrentVersionNumber }).FirstOrDefaultAsync();
        IsNewPrescription = active is null;
        CurrentVersion = active?.CurrentVersionNumber;
        Input.Items = Input.Items.Take(PrescriptionDraft.MaxExercises + 5).ToList();
        Input.Swaps = Input.Swaps.Where(s => Input.Items.Any(i => i.ExerciseId == s.ToId)).Take(PrescriptionDraft.MaxExercises).ToList();
        Exercises = await prescriptions.ExercisesAsync(Input.Items.Select(i => i.ExerciseId).Concat(Input.Swaps.Select(s => s.FromId)));
        var (draft, _) = Input.ToDraft();
        Warnings = draft is null ? [] : PrescriptionService.Check(Patient, draft, Exercises);
        await LoadAlternativesAsync();
        // Ticks stay only on warnings that are still shown.
        Input.Acknowledged = Input.Acknowledged.Where(k => Warnings.Any(w => WarningKey(w) == k)).ToList();

        var starredRoutines = await favourites.StarredAsync(User.UserId(), FavouriteKind.Routine);
        // Starred first, then the clinic's own routines, then the built-in ones in the article's order.
        var templates = await db.RoutineTemplates.AsNoTracking().Where(t => t.ArchivedAt == null)
            .OrderByDescending(t => starredRoutines.Contains(t.Id)).ThenBy(t => t.ClinicId == null).ThenBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Slug, t.Name, t.Condition, Own = t.ClinicId != null }).ToListAsync();
        Templates = templates.Select(t => (t.Slug, t.Name, t.Condition, starredRoutines.Contains(t.Id), t.Own)).ToList();

        // A routine saved from this list is for the condition of the routine it started from, else the patient's.
        if (string.IsNullOrEmpty(NewRoutine.Condition))
        {
            var started = Templates.Where(t => t.Slug == Input.TemplateSlug).Select(t => (ExerciseGroup?)t.Condition).FirstOrDefault();
            NewRoutine.Condition = (started ?? PrescriptionService.PreferredCondition(Patient.Conditions) ?? ExerciseGroup.LowerBack).ToString();
        }
        if (string.IsNullOrWhiteSpace(Find.Q)) Find.Q = Query;
        Search = await ExerciseList.SearchAsync(db, favourites, User.UserId(), Find, Input.Items.Select(i => i.ExerciseId));
        return Page();
    }

    /// <summary>
    /// Saves the builder's current list (exercises, dosages, notes, schedule) as a clinic routine with the name,
    /// condition and note typed under it. The builder stays as it was: nothing typed is lost, nothing is prescribed.
    /// </summary>
    public async Task<IActionResult> OnPostSaveRoutineAsync(Guid id)
    {
        if (!await LoadPatientAsync(id)) return NotFound();
        var condition = NewRoutine.ConditionOrError(ModelState);
        var draft = new RoutineDraft(NewRoutine.Name?.Trim() ?? "", condition, NewRoutine.Note, DayChoices.DaysOf(Input.Days), Input.SessionsPerDay, Input.Weeks,
            Input.Items.Select(i => i.ToItem()).ToList());
        // Only what goes into the routine is judged here (the list, its schedule, the routine's own fields), not the prescription's.
        if (!ModelState.Any(kv => kv.Value is { Errors.Count: > 0 } && RoutineFromBuilderInput.GoesIntoRoutine(kv.Key)))
        {
            var saved = await routines.CreateAsync(User.ClinicId(), draft);
            foreach (var (field, message) in saved.Errors)
            {
                ModelState.AddModelError(field is nameof(RoutineDraft.Name) or nameof(RoutineDraft.Condition) or nameof(RoutineDraft.Note)
                    ? $"NewRoutine.{field}" : $"Input.{field}", message);
            }
            if (saved.Routine is { } routine)
            {
                SavedRoutine = (routine.Slug, routine.Name);
                Notice = $"Saved as the clinic routine \"{routine.Name}\" with {routine.Items.Count} exercises. Nothing was prescribed yet.";
                NewRoutine = new();
                foreach (var key in ModelState.Keys.Where(k => k.StartsWith("NewRoutine.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
            }
        }
        if (SavedRoutine is null) Notice = "The routine was not saved: see the messages below.";
        return await ShowAsync();
    }

    /// <summary>Why a routine named in a link or the list is not offered: archived, or not this clinic's.</summary>
    private async Task<string> NotOfferedAsync(string slug)
    {
        var archived = await db.RoutineTemplates.AsNoTracking().Where(t => t.Slug == slug && t.ArchivedAt != null)
            .Select(t => t.Name).FirstOrDefaultAsync();
        return archived is null
            ? "That routine does not exist."
            : $"\"{archived}\" is archived, so it cannot be prescribed. Restore it on the Routines page to use it again.";
    }

    private async Task LoadAlternativesAsync()
    {
        var swappable = Warnings.Where(SaferSwaps.CanSwap).GroupBy(w => w.ExerciseSlug!).ToList();
        if (swappable.Count == 0) return;
        var library = await db.Exercises.AsNoTracking().ToListAsync();
        var inRoutine = Input.Items.Select(i => i.ExerciseId).ToHashSet();
        foreach (var group in swappable)
        {
            var item = Input.Items.FirstOrDefault(i => Exercises.GetValueOrDefault(i.ExerciseId)?.Slug == group.Key);
            if (item is null) continue;
            var from = Exercises[item.ExerciseId];
            var dosage = item.ToItem().Dosage;
            Alternatives[group.Key] = (from, dosage, SaferSwaps.For(from, group.Select(w => w.Code), library, inRoutine, dosage));
        }
    }

    private static List<SwapInput> Swapped((PrescriptionDraft Draft, IReadOnlyList<AppliedSwap> Swaps)? made) =>
        made?.Swaps.Select(s => new SwapInput { FromId = s.FromId, ToId = s.ToId }).ToList() ?? [];

    private async Task<string?> PreselectedTemplateAsync()
    {
        if (PrescriptionService.PreferredCondition(Patient.Conditions) is not { } condition) return null;
        return await db.RoutineTemplates.AsNoTracking().Where(t => t.Condition == condition && t.ClinicId == null)
            .OrderBy(t => t.SortOrder).Select(t => t.Slug).FirstOrDefaultAsync();
    }

    private async Task<PrescriptionDraft> EmptyDraftAsync() => new("Home exercise routine", null,
        DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, 1, Patient.ReminderTime, await prescriptions.ClinicTodayAsync(Patient.ClinicId), 4, null, []);

    public string ErrorFor(string key) => ModelState.ErrorFor(key);

    /// <summary>The value of a warning's tick: the fingerprint of that one warning.</summary>
    public static string WarningKey(PhysioPortal.Core.Safety.SafetyWarning warning) => PrescriptionService.Fingerprint([warning]);
}
