using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core;

/// <summary>
/// What a person reads for each value of an enum the portal shows: the one place for these names, so no page, email
/// or handout prints a code such as "AboutRight" or "ClinicianDigest". <see cref="Shown"/> lists every enum a person
/// sees; a test renders each value and checks that no code is left.
/// </summary>
public static class DisplayNames
{
    /// <summary>Every enum whose values appear on a page, in an email or on a handout.</summary>
    public static readonly IReadOnlyList<Type> Shown =
    [
        typeof(ExerciseGroup), typeof(StartingPosition), typeof(Equipment), typeof(SideMode), typeof(CautionTags),
        typeof(Difficulty), typeof(LogSource), typeof(EmailKind), typeof(EmailState), typeof(PaperSize),
        typeof(AffectedSide), typeof(PrescriptionStatus),
    ];

    /// <summary>The display name of any value of a <see cref="Shown"/> enum (flags enums: each flag's name, joined).</summary>
    public static string Of(Enum value) => value switch
    {
        ExerciseGroup v => v.Label(),
        StartingPosition v => v.Label(),
        Equipment v => v.Label(),
        SideMode v => v.Label(),
        CautionTags v => v == CautionTags.None ? "None" : string.Join(", ", v.Labels()),
        Difficulty v => v.Label(),
        LogSource v => v.Label(),
        EmailKind v => v.Label(),
        EmailState v => v.Label(),
        PaperSize v => v.Label(),
        AffectedSide v => v.Label(),
        PrescriptionStatus v => v.Label(),
        _ => throw new ArgumentException($"{value.GetType().Name} has no display names; add them to DisplayNames.", nameof(value)),
    };

    public static string Label(this ExerciseGroup group) => group switch
    {
        ExerciseGroup.UpperBack => "Upper back",
        ExerciseGroup.LowerBack => "Lower back",
        ExerciseGroup.Core => "Core",
        ExerciseGroup.Flexibility => "Flexibility",
        ExerciseGroup.Posture => "Posture",
        ExerciseGroup.Hips => "Hips",
        ExerciseGroup.AtWork => "At work",
        ExerciseGroup.Pregnancy => "Pregnancy",
        ExerciseGroup.Sciatica => "Sciatica",
        ExerciseGroup.Scoliosis => "Scoliosis",
        _ => Unknown(group),
    };

    public static string Label(this StartingPosition position) => position switch
    {
        StartingPosition.Standing => "Standing",
        StartingPosition.Sitting => "Sitting",
        StartingPosition.LyingOnBack => "Lying on your back",
        StartingPosition.LyingFaceDown => "Lying face down",
        StartingPosition.SideLying => "Lying on your side",
        StartingPosition.AllFours => "On all fours",
        StartingPosition.Kneeling => "Kneeling",
        _ => Unknown(position),
    };

    public static string Label(this Equipment equipment) => equipment switch
    {
        Equipment.None => "No equipment",
        Equipment.Chair => "Chair",
        Equipment.Wall => "Wall",
        Equipment.Desk => "Desk",
        Equipment.FoamRoller => "Foam roller",
        _ => Unknown(equipment),
    };

    /// <summary>How sides are worked, as the builder's menu offers it ("—" for once through).</summary>
    public static string Label(this SideMode sides) => sides switch
    {
        SideMode.None => "—",
        SideMode.EachSide => "each side",
        SideMode.Alternating => "alternating",
        SideMode.BothDirections => "both directions",
        _ => Unknown(sides),
    };

    public static IEnumerable<string> Labels(this CautionTags tags)
    {
        if (tags.HasFlag(CautionTags.LyingFaceDown)) yield return "Lying face down";
        if (tags.HasFlag(CautionTags.LyingOnBack)) yield return "Lying flat on the back";
        if (tags.HasFlag(CautionTags.LoadedSpinalFlexion)) yield return "Loaded spinal flexion";
        if (tags.HasFlag(CautionTags.SpinalExtension)) yield return "Spinal extension";
        if (tags.HasFlag(CautionTags.Balance)) yield return "Needs balance";
        if (tags.HasFlag(CautionTags.KneeLoading)) yield return "Weight on the knees";
        if (tags.HasFlag(CautionTags.WristLoading)) yield return "Weight on the wrists";
        if (tags.HasFlag(CautionTags.Twisting)) yield return "Twisting of the spine";
    }

    public static string Label(this Difficulty difficulty) => difficulty switch
    {
        Difficulty.Easy => "Easy",
        Difficulty.AboutRight => "About right",
        Difficulty.TooHard => "Too hard",
        _ => Unknown(difficulty),
    };

    /// <summary>Where a session log came from.</summary>
    public static string Label(this LogSource source) => source switch
    {
        LogSource.Site => "site",
        LogSource.EmailLink => "email",
        _ => Unknown(source),
    };

    public static string Label(this EmailKind kind) => kind switch
    {
        EmailKind.NewPrescription => "New or changed routine",
        EmailKind.Reminder => "Reminder",
        EmailKind.CheckIn => "Check-in after a week",
        EmailKind.Nudge => "Nudge after missed days",
        EmailKind.ClinicianDigest => "Weekly digest to a clinician",
        EmailKind.Invitation => "Invitation to the portal",
        EmailKind.ClinicianAlert => "Warning sign to a clinician",
        EmailKind.Questionnaire => "Questionnaire every 2 weeks",
        _ => Unknown(kind),
    };

    public static string Label(this EmailState state) => state switch
    {
        EmailState.Pending => "Waiting",
        EmailState.Sending => "Sending",
        EmailState.Sent => "Sent",
        EmailState.Failed => "Failed",
        EmailState.Cancelled => "Cancelled",
        _ => Unknown(state),
    };

    public static string Label(this PaperSize size) => size switch
    {
        PaperSize.A4 => "A4",
        PaperSize.Letter => "US Letter",
        _ => Unknown(size),
    };

    public static string Label(this AffectedSide side) => side switch
    {
        AffectedSide.Left => "Left",
        AffectedSide.Right => "Right",
        AffectedSide.Both => "Both sides",
        _ => Unknown(side),
    };

    public static string Label(this PrescriptionStatus status) => status switch
    {
        PrescriptionStatus.Active => "Active",
        PrescriptionStatus.Ended => "Ended",
        _ => Unknown(status),
    };

    /// <summary>A value added to an enum without a name here: readable words rather than a code.</summary>
    private static string Unknown(Enum value) =>
        System.Text.RegularExpressions.Regex.Replace(value.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
}
