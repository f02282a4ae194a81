namespace PhysioPortal.Core.Exercises;

/// <summary>One exercise of the built-in library as written in the seed (<see cref="ExerciseLibrary"/>).</summary>
public sealed record ExerciseSeed(
    string Slug,
    string Name,
    ExerciseGroup Group,
    StartingPosition Position,
    Equipment Equipment,
    string[] Steps,
    string Targets,
    Dosage Dosage,
    CautionTags Cautions,
    string? VariantNote = null);

/// <summary>One exercise of a built-in template: the exercise's slug and, when it differs, its own dosage.</summary>
public sealed record TemplateItemSeed(string ExerciseSlug, Dosage? Dosage = null, string? Note = null);

/// <summary>A built-in routine template as written in the seed.</summary>
public sealed record TemplateSeed(
    string Slug,
    string Name,
    ExerciseGroup Condition,
    string Description,
    DaysOfWeek Days,
    int SessionsPerDay,
    int Weeks,
    TemplateItemSeed[] Items);
