namespace PhysioPortal.Core.Exercises;

/// <summary>The ten groups of the exercise library, in the article's order.</summary>
public enum ExerciseGroup
{
    UpperBack,
    LowerBack,
    Core,
    Flexibility,
    Posture,
    Hips,
    AtWork,
    Pregnancy,
    Sciatica,
    Scoliosis,
}

public enum StartingPosition
{
    Standing,
    Sitting,
    LyingOnBack,
    LyingFaceDown,
    SideLying,
    AllFours,
    Kneeling,
}

public enum Equipment
{
    None,
    Chair,
    Wall,
    Desk,
    FoamRoller,
}

/// <summary>How sides are worked: once through, each side in turn, alternating, or both directions.</summary>
public enum SideMode
{
    None,
    EachSide,
    Alternating,
    BothDirections,
}

/// <summary>Things a clinician (and the safety rules) must know about an exercise.</summary>
[Flags]
public enum CautionTags
{
    None = 0,
    LyingFaceDown = 1,
    LyingOnBack = 2,
    LoadedSpinalFlexion = 4,
    SpinalExtension = 8,
    Balance = 16,
    KneeLoading = 32,
    WristLoading = 64,
    Twisting = 128,
}

public static class ExerciseText
{
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
        _ => group.ToString(),
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
        _ => position.ToString(),
    };

    public static string Label(this Equipment equipment) => equipment switch
    {
        Equipment.None => "No equipment",
        Equipment.Chair => "Chair",
        Equipment.Wall => "Wall",
        Equipment.Desk => "Desk",
        Equipment.FoamRoller => "Foam roller",
        _ => equipment.ToString(),
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
}
