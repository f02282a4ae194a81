using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Core.Prescriptions;

/// <summary>
/// A routine assigned to one patient. Each save makes a new <see cref="PrescriptionVersion"/>; old versions stay
/// readable, and session logs point at the version they were done against.
/// </summary>
public class Prescription
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public Guid PatientId { get; set; }
    public Patient? Patient { get; set; }

    public PrescriptionStatus Status { get; set; } = PrescriptionStatus.Active;

    /// <summary>The clinician who saved the newest version: the patient shows on that clinician's home page.</summary>
    public string ClinicianUserId { get; set; } = "";
    public string ClinicianName { get; set; } = "";

    /// <summary>Number of the newest version (1, 2, ...).</summary>
    public int CurrentVersionNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: a second clinician saving over a stale copy is refused, never silently wins.</summary>
    public uint RowVersion { get; set; }

    public List<PrescriptionVersion> Versions { get; set; } = [];
}

public enum PrescriptionStatus
{
    Active,
    Ended,
}

/// <summary>One saved state of a prescription: the exercises as they were (a snapshot) and the schedule.</summary>
public class PrescriptionVersion
{
    public Guid Id { get; set; }
    public Guid PrescriptionId { get; set; }
    public int Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string AuthorUserId { get; set; }
    public required string AuthorName { get; set; }

    public required string Title { get; set; }
    public string? TemplateSlug { get; set; }

    public DaysOfWeek Days { get; set; }
    public int SessionsPerDay { get; set; } = 1;
    public TimeOnly ReminderTime { get; set; }
    public DateOnly StartDate { get; set; }
    public int Weeks { get; set; }
    public string? NoteToPatient { get; set; }

    /// <summary>What changed since the previous version, e.g. "added Side Plank; Bridge Pose hold 15–30 s → 20–40 s".</summary>
    public string ChangeSummary { get; set; } = "";

    /// <summary>The safety warnings the clinician saw and acknowledged when saving (empty when there were none).</summary>
    public List<string> AcknowledgedWarnings { get; set; } = [];

    public List<PrescribedExercise> Exercises { get; set; } = [];

    /// <summary>The last day of the routine.</summary>
    public DateOnly EndDate => PatientSchedule.EndDateOf(StartDate, Weeks);

    /// <summary>The days this version is scheduled on.</summary>
    public PatientSchedule Schedule => PatientSchedule.Of(Days, SessionsPerDay, StartDate, Weeks);
}

/// <summary>An exercise as prescribed: a copy of its content at the time, so a later library edit never changes it.</summary>
public class PrescribedExercise
{
    public Guid Id { get; set; }
    public Guid VersionId { get; set; }
    public int Position { get; set; }

    public Guid ExerciseId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public ExerciseGroup Group { get; set; }
    public StartingPosition StartingPosition { get; set; }
    public Equipment Equipment { get; set; }
    public List<string> Steps { get; set; } = [];
    public required string Targets { get; set; }
    public CautionTags Cautions { get; set; }

    public Dosage Dosage { get; set; } = new();
    public string? Note { get; set; }

    /// <summary>Stored-object keys of the photos as prescribed (web size, and print size for the handout).</summary>
    public List<string> PhotoKeys { get; set; } = [];
    public List<string> PhotoPrintKeys { get; set; } = [];

    /// <summary>Stored-object key and content type of the video as prescribed, if any.</summary>
    public string? VideoKey { get; set; }
    public string? VideoType { get; set; }

    public static PrescribedExercise Snapshot(Exercise e, int position, Dosage dosage, string? note) => new()
    {
        Id = Guid.NewGuid(),
        Position = position,
        ExerciseId = e.Id,
        Slug = e.Slug,
        Name = e.Name,
        Group = e.Group,
        StartingPosition = e.Position,
        Equipment = e.Equipment,
        Steps = [.. e.Steps],
        Targets = e.Targets,
        Cautions = e.Cautions,
        Dosage = dosage,
        Note = note,
        PhotoKeys = e.Media.Where(m => m.Kind == MediaKind.Photo).OrderBy(m => m.Position).Select(m => m.Key).ToList(),
        PhotoPrintKeys = e.Media.Where(m => m.Kind == MediaKind.Photo).OrderBy(m => m.Position).Select(m => m.PrintKey ?? m.Key).ToList(),
        VideoKey = e.Media.FirstOrDefault(m => m.Kind == MediaKind.Video)?.Key,
        VideoType = e.Media.FirstOrDefault(m => m.Kind == MediaKind.Video)?.ContentType,
    };
}

/// <summary>
/// A first version made straight from a routine template or a list of library exercises, without the builder (demo
/// data, tests, bench): the exercises snapshotted (<see cref="PrescribedExercise.Snapshot"/>) with the given dosages.
/// </summary>
public static class PrescriptionFromTemplate
{
    public static (Prescription Prescription, PrescriptionVersion Version) Create(RoutineTemplate template, Guid clinicId, Guid patientId,
        string clinicianUserId, string clinicianName, DateOnly start, TimeOnly reminderTime, DateTimeOffset now,
        DaysOfWeek? days = null, int? weeks = null, int sessionsPerDay = 1, string? noteToPatient = null)
    {
        var (prescription, version) = FromExercises(template.Name, template.Items.OrderBy(i => i.Position).Select(i => (i.Exercise!, i.Dosage, i.Note)),
            clinicId, patientId, clinicianUserId, clinicianName, start, reminderTime, now,
            days ?? template.DefaultDays, weeks ?? template.DefaultWeeks, sessionsPerDay, noteToPatient);
        version.TemplateSlug = template.Slug;
        return (prescription, version);
    }

    /// <summary>The exercises in the order given, numbered from 1.</summary>
    public static (Prescription Prescription, PrescriptionVersion Version) FromExercises(string title,
        IEnumerable<(Exercise Exercise, Dosage Dosage, string? Note)> items, Guid clinicId, Guid patientId,
        string clinicianUserId, string clinicianName, DateOnly start, TimeOnly reminderTime, DateTimeOffset now,
        DaysOfWeek days, int weeks, int sessionsPerDay = 1, string? noteToPatient = null)
    {
        var prescription = new Prescription
        {
            Id = Guid.NewGuid(), ClinicId = clinicId, PatientId = patientId, CreatedAt = now, UpdatedAt = now,
            CurrentVersionNumber = 1, ClinicianUserId = clinicianUserId, ClinicianName = clinicianName,
        };
        var version = new PrescriptionVersion
        {
            Id = Guid.NewGuid(), PrescriptionId = prescription.Id, Number = 1, CreatedAt = now,
            AuthorUserId = clinicianUserId, AuthorName = clinicianName, Title = title,
            Days = days, SessionsPerDay = sessionsPerDay, ReminderTime = reminderTime, StartDate = start,
            Weeks = weeks, ChangeSummary = "first version", NoteToPatient = noteToPatient,
            Exercises = items.Select((item, i) => PrescribedExercise.Snapshot(item.Exercise, i + 1, item.Dosage, item.Note)).ToList(),
        };
        prescription.Versions = [version];
        return (prescription, version);
    }
}
