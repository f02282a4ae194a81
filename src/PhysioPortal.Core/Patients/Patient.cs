using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Patients;

/// <summary>A patient of one clinic. Archived rather than deleted.</summary>
public class Patient
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }

    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Email { get; set; }

    /// <summary>IANA time zone of the patient; reminders go out at <see cref="ReminderTime"/> there.</summary>
    public required string TimeZoneId { get; set; }
    public TimeOnly ReminderTime { get; set; } = new(8, 0);
    public bool EmailConsent { get; set; }

    /// <summary>The conditions the patient is treated for (the article's groups).</summary>
    public ConditionSet Conditions { get; set; }

    /// <summary>Due date when pregnant, so the trimester is known on any date.</summary>
    public DateOnly? PregnancyDueDate { get; set; }

    public AffectedSide? SciaticaSide { get; set; }

    /// <summary>Intake answers that were "yes".</summary>
    public RedFlags RedFlags { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Lower-cased "first last email" kept by the database for search (a generated column).</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The email lower-cased (a generated column): unique within a clinic, see <see cref="PatientDuplicates"/>.</summary>
    public string? EmailKey { get; private set; }

    public string FullName => $"{FirstName} {LastName}";
    public bool IsArchived => ArchivedAt is not null;
}

public enum AffectedSide
{
    Left,
    Right,
    Both,
}

/// <summary>A set of conditions; one bit per article group (<see cref="ExerciseGroup"/>).</summary>
[Flags]
public enum ConditionSet
{
    None = 0,
    UpperBack = 1 << ExerciseGroup.UpperBack,
    LowerBack = 1 << ExerciseGroup.LowerBack,
    Core = 1 << ExerciseGroup.Core,
    Flexibility = 1 << ExerciseGroup.Flexibility,
    Posture = 1 << ExerciseGroup.Posture,
    Hips = 1 << ExerciseGroup.Hips,
    AtWork = 1 << ExerciseGroup.AtWork,
    Pregnancy = 1 << ExerciseGroup.Pregnancy,
    Sciatica = 1 << ExerciseGroup.Sciatica,
    Scoliosis = 1 << ExerciseGroup.Scoliosis,
}

public static class ConditionSetExtensions
{
    public static ConditionSet ToCondition(this ExerciseGroup group) => (ConditionSet)(1 << (int)group);

    public static IEnumerable<ExerciseGroup> Groups(this ConditionSet set) =>
        Enum.GetValues<ExerciseGroup>().Where(g => set.HasFlag(g.ToCondition()));
}

/// <summary>
/// Intake questions answered "yes": the classic red flags for back pain (US AHCPR guideline) and, for pregnancy,
/// the contraindications to exercise a clinician should have ruled out.
/// </summary>
[Flags]
public enum RedFlags : long
{
    None = 0,
    MajorTrauma = 1 << 0,
    MinorTraumaOlderAge = 1 << 1,
    AgeOver50OrUnder20NewPain = 1 << 2,
    HistoryOfCancer = 1 << 3,
    UnexplainedWeightLossOrFever = 1 << 4,
    InfectionImmuneSuppressionOrDrugUse = 1 << 5,
    NightOrRestPain = 1 << 6,
    SaddleNumbness = 1 << 7,
    BladderOrBowelTrouble = 1 << 8,
    ProgressiveLegWeakness = 1 << 9,

    PregnancyHeartOrLungDisease = 1 << 16,
    PregnancyCervicalCerclage = 1 << 17,
    PregnancyPersistentBleeding = 1 << 18,
    PregnancyPlacentaPrevia = 1 << 19,
    PregnancyPretermLabour = 1 << 20,
    PregnancyRupturedMembranes = 1 << 21,
    PregnancyPreEclampsia = 1 << 22,
}

public static class RedFlagText
{
    /// <summary>The intake questions, in plain language, in the order they are asked.</summary>
    public static readonly IReadOnlyList<(RedFlags Flag, string Question, bool PregnancyOnly)> Questions =
    [
        (RedFlags.MajorTrauma, "Major trauma, such as a car accident or a fall from a height", false),
        (RedFlags.MinorTraumaOlderAge, "Minor trauma (a strain or a small fall) in an older or osteoporotic patient", false),
        (RedFlags.AgeOver50OrUnder20NewPain, "Aged over 50 or under 20 with back pain that is new", false),
        (RedFlags.HistoryOfCancer, "A history of cancer", false),
        (RedFlags.UnexplainedWeightLossOrFever, "Unexplained weight loss, fever or chills", false),
        (RedFlags.InfectionImmuneSuppressionOrDrugUse, "A recent infection, immune suppression or injected drug use", false),
        (RedFlags.NightOrRestPain, "Pain at night or at rest that does not ease", false),
        (RedFlags.SaddleNumbness, "Numbness in the saddle area (between the legs, around the back passage)", false),
        (RedFlags.BladderOrBowelTrouble, "New trouble controlling the bladder or bowel", false),
        (RedFlags.ProgressiveLegWeakness, "Leg weakness that is getting worse", false),
        (RedFlags.PregnancyHeartOrLungDisease, "Significant heart or lung disease", true),
        (RedFlags.PregnancyCervicalCerclage, "Cervical cerclage (a stitch in the cervix)", true),
        (RedFlags.PregnancyPersistentBleeding, "Persistent bleeding in the second or third trimester", true),
        (RedFlags.PregnancyPlacentaPrevia, "Placenta previa after 26 weeks", true),
        (RedFlags.PregnancyPretermLabour, "Preterm labour in this pregnancy", true),
        (RedFlags.PregnancyRupturedMembranes, "Ruptured membranes (waters broken)", true),
        (RedFlags.PregnancyPreEclampsia, "Pre-eclampsia or pregnancy-induced high blood pressure", true),
    ];

    public static string Question(RedFlags flag) => Questions.First(q => q.Flag == flag).Question;

    public static IEnumerable<RedFlags> Each(this RedFlags flags) =>
        Questions.Select(q => q.Flag).Where(f => flags.HasFlag(f));
}
