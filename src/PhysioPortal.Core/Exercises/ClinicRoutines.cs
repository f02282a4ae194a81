using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Exercises;

/// <summary>
/// What a clinician typed for a clinic routine: a name, the condition it is for, a note for colleagues, the default
/// schedule, and the exercises in order, each with its dosage (and an optional note for the patient).
/// </summary>
public sealed record RoutineDraft(
    string Name,
    ExerciseGroup Condition,
    string? Note,
    DaysOfWeek Days,
    int SessionsPerDay,
    int Weeks,
    IReadOnlyList<DraftItem> Items)
{
    public const int MaxName = 200;
    public const int MaxNote = 2000;

    /// <summary>Problems keyed by field ("Name", "Items[2].RepsMin", ...), as plain sentences.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return (nameof(Name), "Give the routine a name, such as \"Knee replacement, weeks 2–6\".");
        else if (Name.Trim().Length > MaxName) yield return (nameof(Name), $"Keep the name under {MaxName} characters.");
        else if (!StorableText.IsSingleLine(Name)) yield return (nameof(Name), "The name cannot contain line breaks or control characters.");
        if (!Enum.IsDefined(Condition)) yield return (nameof(Condition), "Choose a condition from the list.");
        if (Note?.Trim().Length > MaxNote) yield return (nameof(Note), $"Keep the note under {MaxNote} characters.");
        if ((Days & DaysOfWeek.Every) == DaysOfWeek.None) yield return (nameof(Days), "Choose at least one day of the week.");
        if (SessionsPerDay is < 1 or > PrescriptionDraft.MaxSessionsPerDay)
            yield return (nameof(SessionsPerDay), $"Sessions a day must be between 1 and {PrescriptionDraft.MaxSessionsPerDay}.");
        if (Weeks is < 1 or > PrescriptionDraft.MaxWeeks) yield return (nameof(Weeks), $"The length must be between 1 and {PrescriptionDraft.MaxWeeks} weeks.");
        foreach (var problem in PrescriptionDraft.ValidateItems(Items)) yield return problem;
    }

    /// <summary>A routine's content as a draft (its items in order).</summary>
    public static RoutineDraft Of(RoutineTemplate t) => new(t.Name, t.Condition, t.Description.Length == 0 ? null : t.Description,
        t.DefaultDays, t.DefaultSessionsPerDay, t.DefaultWeeks,
        t.Items.OrderBy(i => i.Position).Select(i => new DraftItem(i.ExerciseId, i.Dosage, i.Note)).ToList());
}

/// <summary>The outcome of saving a routine: the routine, or the problems keyed by field.</summary>
public sealed record RoutineSaved(RoutineTemplate? Routine, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Ok => Routine is not null;
}

/// <summary>
/// A clinic's own routines: the same <see cref="RoutineTemplate"/> as the built-in ones, with the clinic's id. Saved
/// from a prescription version, the builder's list, a copy of another routine, or typed from scratch; changed,
/// archived and restored. Reads and writes through the clinic-scoped DbContext, so another clinic's routine and
/// another clinic's exercise are simply not found. A prescription made from a routine snapshots its exercises when it
/// is saved (<see cref="PrescribedExercise.Snapshot"/>): changing the routine later never changes it.
/// </summary>
public sealed class ClinicRoutines(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The clinic's own routine by slug (archived ones included), with its items; null for built-in or another clinic's.</summary>
    public Task<RoutineTemplate?> OwnAsync(string slug, CancellationToken ct = default) =>
        db.RoutineTemplates.Include(t => t.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Exercise)
            .FirstOrDefaultAsync(t => t.Slug == slug && t.ClinicId != null, ct);

    /// <summary>A draft copying any routine the clinic can see (built-in or its own), or null.</summary>
    public async Task<RoutineDraft?> CopyOfAsync(string slug, CancellationToken ct = default)
    {
        var source = await db.RoutineTemplates.AsNoTracking().Include(t => t.Items)
            .Where(t => t.Slug == slug).OrderBy(t => t.ClinicId == null).FirstOrDefaultAsync(ct);
        return source is null ? null : RoutineDraft.Of(source) with { Name = Shorten(source.Name + " (our version)") };
    }

    /// <summary>
    /// A draft from one saved version of a prescription of this clinic: its exercises, dosages, notes and schedule.
    /// The condition is the one of the routine it started from, else the most common group of its exercises.
    /// </summary>
    public async Task<RoutineDraft?> FromVersionAsync(Guid prescriptionId, int number, CancellationToken ct = default)
    {
        // Through Prescriptions first: its clinic filter decides whether the version may be read at all.
        if (!await db.Prescriptions.AnyAsync(p => p.Id == prescriptionId, ct)) return null;
        var version = await db.PrescriptionVersions.AsNoTracking().Include(v => v.Exercises)
            .FirstOrDefaultAsync(v => v.PrescriptionId == prescriptionId && v.Number == number, ct);
        if (version is null) return null;
        var condition = version.TemplateSlug is null ? null
            : await db.RoutineTemplates.Where(t => t.Slug == version.TemplateSlug).OrderBy(t => t.ClinicId == null)
                .Select(t => (ExerciseGroup?)t.Condition).FirstOrDefaultAsync(ct);
        var items = version.Exercises.OrderBy(e => e.Position).ToList();
        condition ??= items.GroupBy(e => e.Group).OrderByDescending(g => g.Count()).Select(g => (ExerciseGroup?)g.Key).FirstOrDefault();
        return new RoutineDraft(Shorten(version.Title), condition ?? ExerciseGroup.LowerBack, null, version.Days, version.SessionsPerDay, version.Weeks,
            items.Select(e => new DraftItem(e.ExerciseId, e.Dosage, e.Note)).ToList());
    }

    public async Task<RoutineSaved> CreateAsync(Guid clinicId, RoutineDraft draft, CancellationToken ct = default)
    {
        var errors = await ProblemsAsync(draft, ct);
        if (errors.Count > 0) return new RoutineSaved(null, errors);
        var routine = new RoutineTemplate
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Slug = await UniqueSlugAsync(clinicId, draft.Name, ct),
            Name = draft.Name.Trim(),
            Description = "",
        };
        Apply(routine, draft);
        db.RoutineTemplates.Add(routine);
        await db.SaveChangesAsync(ct);
        return new RoutineSaved(routine, []);
    }

    /// <summary>Replaces the routine's content; prescriptions already saved from it keep their own copy.</summary>
    public async Task<RoutineSaved> UpdateAsync(RoutineTemplate routine, RoutineDraft draft, CancellationToken ct = default)
    {
        if (routine.IsBuiltIn) throw new InvalidOperationException("Built-in routines are read-only.");
        var errors = await ProblemsAsync(draft, ct);
        if (errors.Count > 0) return new RoutineSaved(null, errors);
        db.RemoveRange(routine.Items);
        routine.Items.Clear();
        Apply(routine, draft);
        // New rows with their ids already set: added explicitly, or EF would take them for existing ones.
        db.AddRange(routine.Items);
        await db.SaveChangesAsync(ct);
        return new RoutineSaved(routine, []);
    }

    public async Task SetArchivedAsync(RoutineTemplate routine, bool archived, CancellationToken ct = default)
    {
        if (routine.IsBuiltIn) throw new InvalidOperationException("Built-in routines are read-only.");
        routine.ArchivedAt = archived ? clock.GetUtcNow() : null;
        routine.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The draft's own problems, then each exercise the clinic cannot use (another clinic's, or archived).</summary>
    private async Task<List<(string Field, string Message)>> ProblemsAsync(RoutineDraft draft, CancellationToken ct)
    {
        var errors = draft.Validate().ToList();
        var ids = draft.Items.Select(i => i.ExerciseId).Distinct().ToList();
        var found = await db.Exercises.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Name, e.ArchivedAt }).ToDictionaryAsync(e => e.Id, ct);
        for (var i = 0; i < draft.Items.Count; i++)
        {
            if (!found.TryGetValue(draft.Items[i].ExerciseId, out var e))
                errors.Add(($"Items[{i}]", "That exercise is not in your clinic's library: remove it from the routine."));
            else if (e.ArchivedAt is not null)
                errors.Add(($"Items[{i}]", $"{e.Name} is archived: restore it in the library, or remove it from the routine."));
        }
        return errors;
    }

    private void Apply(RoutineTemplate routine, RoutineDraft draft)
    {
        routine.Name = draft.Name.Trim();
        routine.Condition = draft.Condition;
        routine.Description = draft.Note?.Trim() ?? "";
        routine.DefaultDays = draft.Days & DaysOfWeek.Every;
        routine.DefaultSessionsPerDay = draft.SessionsPerDay;
        routine.DefaultWeeks = draft.Weeks;
        routine.UpdatedAt = clock.GetUtcNow();
        routine.Items.AddRange(draft.Items.Select((item, i) => new RoutineTemplateItem
        {
            Id = Guid.NewGuid(),
            TemplateId = routine.Id,
            ExerciseId = item.ExerciseId,
            Position = i + 1,
            Dosage = item.Dosage,
            Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim(),
        }));
    }

    /// <summary>A slug from the name, unique among the built-in routines and the clinic's own.</summary>
    private async Task<string> UniqueSlugAsync(Guid clinicId, string name, CancellationToken ct)
    {
        var stem = ClinicLibrary.Slugify(name, "routine");
        var taken = await db.RoutineTemplates.Where(t => (t.ClinicId == null || t.ClinicId == clinicId) && t.Slug.StartsWith(stem))
            .Select(t => t.Slug).ToListAsync(ct);
        return ClinicLibrary.FirstFree(stem, taken);
    }

    private static string Shorten(string name) => name.Length <= RoutineDraft.MaxName ? name : name[..RoutineDraft.MaxName].TrimEnd();
}
