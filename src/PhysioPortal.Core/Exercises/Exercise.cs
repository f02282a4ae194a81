namespace PhysioPortal.Core.Exercises;

/// <summary>
/// One exercise of the library. Built-in exercises (from the seed article) have no clinic and are read-only;
/// a clinic may add its own.
/// </summary>
public class Exercise
{
    public Guid Id { get; set; }

    /// <summary>Null for the shared built-in library; set for a clinic's own exercise.</summary>
    public Guid? ClinicId { get; set; }

    public required string Slug { get; set; }
    public required string Name { get; set; }
    public ExerciseGroup Group { get; set; }
    public StartingPosition Position { get; set; }
    public Equipment Equipment { get; set; }

    /// <summary>3–6 numbered steps, in our own words.</summary>
    public List<string> Steps { get; set; } = [];

    /// <summary>What the exercise works on, in one sentence.</summary>
    public required string Targets { get; set; }

    public Dosage DefaultDosage { get; set; } = new();
    public CautionTags Cautions { get; set; }

    /// <summary>A short line that tells two variants of the same exercise apart (e.g. "at the desk").</summary>
    public string? VariantNote { get; set; }

    /// <summary>Order within its group, as in the article.</summary>
    public int SortOrder { get; set; }

    /// <summary>Hash of the seed entry, so a changed seed updates the row and an unchanged one is left alone.</summary>
    public string? SeedHash { get; set; }

    /// <summary>Where on the body it works (see <see cref="BuiltInRegions"/> for the built-in ones).</summary>
    public BodyRegions Regions { get; set; }

    /// <summary>For a clinic's own exercise: when it was archived (hidden from search and the builder), or null.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The built-in exercise this one was copied from, if any.</summary>
    public Guid? CopiedFromId { get; set; }

    /// <summary>Photos and a video (a clinic's own exercise only), in order.</summary>
    public List<ExerciseMedia> Media { get; set; } = [];

    public bool IsBuiltIn => ClinicId is null;
    public bool IsArchived => ArchivedAt is not null;
}
