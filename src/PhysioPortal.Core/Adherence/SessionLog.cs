namespace PhysioPortal.Core.Adherence;

/// <summary>
/// One session a patient did (or logged as done): one per prescription, local date and session number. Logging
/// again updates it, never duplicates.
/// </summary>
public class SessionLog
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public Guid PatientId { get; set; }
    public Guid PrescriptionId { get; set; }
    public Guid PrescriptionVersionId { get; set; }

    /// <summary>The date in the patient's time zone.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>1 for the first session of the day, 2 for the second, ...</summary>
    public int Session { get; set; } = 1;

    /// <summary>Library exercise ids marked as done (all by default).</summary>
    public List<Guid> ExercisesDone { get; set; } = [];

    /// <summary>Pain 0–10 (NPRS) before and after.</summary>
    public int? PainBefore { get; set; }
    public int? PainAfter { get; set; }
    public Difficulty? Difficulty { get; set; }
    public string? Note { get; set; }
    public LogSource Source { get; set; }

    public DateTimeOffset LoggedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum Difficulty
{
    Easy,
    AboutRight,
    TooHard,
}

public enum LogSource
{
    Site,
    EmailLink,
}
