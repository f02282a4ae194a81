namespace PhysioPortal.Core.Illustrations;

/// <summary>
/// Proportions of the figure as fractions of standing height H (Drillis &amp; Contini, as reproduced in Winter's
/// Biomechanics and Motor Control of Human Movement): limb lengths and joint heights. Girths are ours, chosen to read
/// well at thumbnail size.
/// </summary>
public static class Body
{
    public const double UpperArm = 0.186;
    public const double Forearm = 0.146;
    public const double Hand = 0.108;
    public const double Thigh = 0.245;
    public const double Shank = 0.246;
    public const double AnkleHeight = 0.039;
    public const double FootLength = 0.152;
    public const double ShoulderWidth = 0.259;
    public const double HipWidth = 0.191;
    public const double ShoulderHeight = 0.818;
    public const double HipHeight = 0.530;
    public const double KneeHeight = 0.285;

    // Trunk, from the hip joints' midpoint up (standing): lumbar base, waist, base of the neck, head.
    public const double PelvisRise = 0.06;
    public const double Lumbar = 0.09;
    public const double Thorax = 0.155;
    public const double ShoulderRise = 0.138; // shoulder joints above the waist: 0.530 + 0.06 + 0.09 + 0.138 = 0.818
    public const double Neck = 0.05;
    public const double HeadRadius = 0.062;

    // Girths (diameters), in H.
    public const double ThighWidth = 0.098;
    public const double ShankWidth = 0.07;
    public const double FootWidth = 0.038;
    public const double UpperArmWidth = 0.054;
    public const double ForearmWidth = 0.046;
    public const double NeckWidth = 0.05;
    public const double BumpRadius = 0.07;
}

public enum Side
{
    Left = 1,
    Right = -1,
}

/// <summary>How a frame is seen. Side: the figure's left side faces the viewer. Front: the figure faces the viewer.
/// Above: looking down on a figure lying on the floor (head to the left, its left side at the bottom of the picture),
/// for movements across the body that a side view hides (a knee drawn toward the opposite shoulder).</summary>
public enum View
{
    Side,
    Front,
    Above,
}

/// <summary>Points of the body that arrows of motion and the physical checks refer to.</summary>
public enum Landmark
{
    Hips,
    Waist,
    Chest,
    NeckBase,
    Head,
    Nose,
    LeftShoulder,
    RightShoulder,
    LeftElbow,
    RightElbow,
    LeftWrist,
    RightWrist,
    LeftHand,
    RightHand,
    LeftHip,
    RightHip,
    LeftKnee,
    RightKnee,
    LeftAnkle,
    RightAnkle,
    LeftHeel,
    RightHeel,
    LeftToe,
    RightToe,
}
