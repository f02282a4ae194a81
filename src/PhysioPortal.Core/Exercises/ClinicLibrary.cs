using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Exercises;

/// <summary>What a clinician typed for an own exercise: the same fields as a built-in one, plus body regions.</summary>
public sealed record ExerciseDraft(
    string Name,
    ExerciseGroup Group,
    StartingPosition Position,
    Equipment Equipment,
    IReadOnlyList<string> Steps,
    string Targets,
    Dosage Dosage,
    CautionTags Cautions,
    BodyRegions Regions,
    string? VariantNote)
{
    public const int MaxName = 200;
    public const int MaxTargets = 500;
    public const int MaxVariantNote = 200;
    public const int MaxSteps = 12;
    public const int MaxStep = 500;

    /// <summary>Problems keyed by field, as plain sentences.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return (nameof(Name), "Give the exercise a name, such as \"Heel raises at the sink\".");
        else if (Name.Length > MaxName) yield return (nameof(Name), $"Keep the name under {MaxName} characters.");
        if (Steps.Count == 0) yield return (nameof(Steps), "Write at least one step, one per line.");
        else if (Steps.Count > MaxSteps) yield return (nameof(Steps), $"Keep it to {MaxSteps} steps or fewer.");
        else if (Steps.Any(s => s.Length > MaxStep)) yield return (nameof(Steps), $"Keep each step under {MaxStep} characters.");
        if (string.IsNullOrWhiteSpace(Targets)) yield return (nameof(Targets), "Say in one sentence what the exercise works on.");
        else if (Targets.Length > MaxTargets) yield return (nameof(Targets), $"Keep this under {MaxTargets} characters.");
        if (VariantNote?.Length > MaxVariantNote) yield return (nameof(VariantNote), $"Keep the variant note under {MaxVariantNote} characters.");
        if (Regions == BodyRegions.None) yield return (nameof(Regions), "Choose at least one body region, so the exercise can be found by region.");
        foreach (var (field, message) in Dosage.Validate()) yield return (field, message);
    }

    public static ExerciseDraft Of(Exercise e) =>
        new(e.Name, e.Group, e.Position, e.Equipment, e.Steps, e.Targets, e.DefaultDosage, e.Cautions, e.Regions, e.VariantNote);
}

/// <summary>
/// A clinic's own exercises: create, edit, copy a built-in one, archive and restore. Reads and writes through the
/// clinic-scoped DbContext, so another clinic's exercise is simply not found. Editing never touches a prescription:
/// versions hold their own snapshot (<see cref="Prescriptions.PrescribedExercise"/>).
/// </summary>
public sealed class ClinicLibrary(PortalDbContext db, TimeProvider clock)
{
    /// <summary>A clinic's own exercise by slug (archived ones included); null for a built-in or another clinic's.</summary>
    public Task<Exercise?> OwnAsync(string slug, CancellationToken ct = default) =>
        db.Exercises.Include(e => e.Media).FirstOrDefaultAsync(e => e.Slug == slug && e.ClinicId != null, ct);

    public async Task<Exercise> CreateAsync(Guid clinicId, ExerciseDraft draft, Guid? copiedFromId = null, CancellationToken ct = default)
    {
        var exercise = new Exercise
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Slug = await UniqueSlugAsync(clinicId, draft.Name, ct),
            Name = draft.Name.Trim(),
            Targets = draft.Targets.Trim(),
            CopiedFromId = copiedFromId,
            SortOrder = 0,
        };
        Apply(exercise, draft);
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync(ct);
        return exercise;
    }

    public async Task UpdateAsync(Exercise exercise, ExerciseDraft draft, CancellationToken ct = default)
    {
        if (exercise.IsBuiltIn) throw new InvalidOperationException("Built-in exercises are read-only.");
        Apply(exercise, draft);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetArchivedAsync(Exercise exercise, bool archived, CancellationToken ct = default)
    {
        if (exercise.IsBuiltIn) throw new InvalidOperationException("Built-in exercises are read-only.");
        exercise.ArchivedAt = archived ? clock.GetUtcNow() : null;
        exercise.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The draft of a copy of an exercise the clinic can see (built-in or its own), or null.</summary>
    public async Task<(ExerciseDraft Draft, Guid Id)?> CopyOfAsync(string slug, CancellationToken ct = default)
    {
        var source = await db.Exercises.AsNoTracking().Where(e => e.Slug == slug)
            .OrderBy(e => e.ClinicId == null).FirstOrDefaultAsync(ct);
        if (source is null) return null;
        return (ExerciseDraft.Of(source) with { Name = source.Name + " (our version)" }, source.Id);
    }

    private void Apply(Exercise exercise, ExerciseDraft draft)
    {
        exercise.Name = draft.Name.Trim();
        exercise.Group = draft.Group;
        exercise.Position = draft.Position;
        exercise.Equipment = draft.Equipment;
        exercise.Steps = draft.Steps.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        exercise.Targets = draft.Targets.Trim();
        exercise.DefaultDosage = draft.Dosage;
        exercise.Cautions = draft.Cautions;
        exercise.Regions = draft.Regions & BodyRegionText.Every;
        exercise.VariantNote = string.IsNullOrWhiteSpace(draft.VariantNote) ? null : draft.VariantNote.Trim();
        exercise.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>A slug from the name, unique among the built-in exercises and the clinic's own.</summary>
    private async Task<string> UniqueSlugAsync(Guid clinicId, string name, CancellationToken ct)
    {
        var stem = Slugify(name);
        // The clinic's filter already shows exactly the built-in exercises and this clinic's own.
        var taken = await db.Exercises.Where(e => (e.ClinicId == null || e.ClinicId == clinicId) && e.Slug.StartsWith(stem))
            .Select(e => e.Slug).ToListAsync(ct);
        return FirstFree(stem, taken);
    }

    /// <summary>
    /// The stem, or the stem with the first free number ("-2", "-3", ...) when it is taken. "new" is never a slug: it
    /// is the address of the page that makes one (/clinic/library/new, /clinic/templates/new).
    /// </summary>
    public static string FirstFree(string stem, IReadOnlyCollection<string> taken)
    {
        var slug = stem;
        for (var n = 2; taken.Contains(slug) || slug == "new"; n++) slug = $"{stem}-{n}";
        return slug;
    }

    public static string Slugify(string name, string fallback = "exercise")
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(lower);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 80) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }
}
