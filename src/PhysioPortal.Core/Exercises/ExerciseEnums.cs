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
