namespace PhysioPortal.Core.Exercises;

/// <summary>A named, ordered list of exercises with dosages and a default schedule, for a condition.</summary>
public class RoutineTemplate
{
    public Guid Id { get; set; }

    /// <summary>Null for a built-in template; set for a clinic's copy.</summary>
    public Guid? ClinicId { get; set; }

    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>The condition (article group) this routine is for.</summary>
    public ExerciseGroup Condition { get; set; }

    public required string Description { get; set; }

    /// <summary>Default schedule: days of the week, sessions per day, length in weeks.</summary>
    public DaysOfWeek DefaultDays { get; set; } = DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday;
    public int DefaultSessionsPerDay { get; set; } = 1;
    public int DefaultWeeks { get; set; } = 4;

    public List<RoutineTemplateItem> Items { get; set; } = [];

    public string? SeedHash { get; set; }
    public int SortOrder { get; set; }

    /// <summary>For a clinic's own routine: when it was archived (no longer offered in the builder), or null.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public bool IsBuiltIn => ClinicId is null;
    public bool IsArchived => ArchivedAt is not null;
}

public class RoutineTemplateItem
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public Guid ExerciseId { get; set; }
    public Exercise? Exercise { get; set; }
    public int Position { get; set; }
    public Dosage Dosage { get; set; } = new();
    public string? Note { get; set; }
}

[Flags]
public enum DaysOfWeek
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Every = 127,
}

public static class DaysOfWeekText
{
    private static readonly (DaysOfWeek Day, string Short, DayOfWeek System)[] Week =
    [
        (DaysOfWeek.Monday, "Mon", DayOfWeek.Monday),
        (DaysOfWeek.Tuesday, "Tue", DayOfWeek.Tuesday),
        (DaysOfWeek.Wednesday, "Wed", DayOfWeek.Wednesday),
        (DaysOfWeek.Thursday, "Thu", DayOfWeek.Thursday),
        (DaysOfWeek.Friday, "Fri", DayOfWeek.Friday),
        (DaysOfWeek.Saturday, "Sat", DayOfWeek.Saturday),
        (DaysOfWeek.Sunday, "Sun", DayOfWeek.Sunday),
    ];

    /// <summary>"Every day", "Mon, Wed, Fri", or "No days".</summary>
    public static string Text(this DaysOfWeek days) =>
        (days & DaysOfWeek.Every) == DaysOfWeek.Every ? "Every day"
        : days == DaysOfWeek.None ? "No days"
        : string.Join(", ", ShortNames(days));

    public static IEnumerable<string> ShortNames(this DaysOfWeek days) =>
        Week.Where(d => days.HasFlag(d.Day)).Select(d => d.Short);

    public static bool Includes(this DaysOfWeek days, DayOfWeek day) =>
        Week.Any(d => d.System == day && days.HasFlag(d.Day));

    public static DaysOfWeek From(DayOfWeek day) => Week.First(d => d.System == day).Day;
}
