namespace PhysioPortal.Core.Illustrations;

/// <summary>Joint angles of a part of the spine, in degrees: flexion forward (negative: extension), side bend
/// toward the figure's left, rotation toward the figure's left.</summary>
public readonly record struct SpineAngles(double Flexion = 0, double SideBend = 0, double Rotation = 0);

/// <summary>Joint angles of an arm, in degrees: shoulder flexion (forward and up; negative: extension), abduction
/// (out to the side), external rotation; elbow flexion; wrist flexion (negative: extension).</summary>
public readonly record struct ArmAngles(double Flexion = 0, double Abduction = 0, double Rotation = 0, double Elbow = 0, double Wrist = 0);

/// <summary>Joint angles of a leg, in degrees: hip flexion (negative: extension), abduction, external rotation;
/// knee flexion; ankle dorsiflexion (negative: plantarflexion).</summary>
public readonly record struct LegAngles(double Flexion = 0, double Abduction = 0, double Rotation = 0, double Knee = 0, double Ankle = 0);

/// <summary>
/// A posture of the figure as data: where the hips are, how the pelvis is turned in the world, and the joint angles
/// from there outward (forward kinematics). Segment lengths are fixed (<see cref="Body"/>), so two poses of one
/// figure always have the same limbs. Units: H (standing height); world y = 0 is the floor.
/// </summary>
public sealed record Pose
{
    /// <summary>Midpoint of the two hip joints.</summary>
    public Vec3 Hips { get; init; } = new(0.75, Body.HipHeight, 0);

    /// <summary>Pelvis tipped forward about the side view's line of sight, in degrees: 0 upright, 90 face down and
    /// level (all fours, lying face down), -90 face up (lying on the back, head to the left).</summary>
    public double Pitch { get; init; }

    /// <summary>Whole body rolled about its forward axis, in degrees: -90 lies on the right side, head toward the
    /// figure's right.</summary>
    public double Roll { get; init; }

    /// <summary>Whole body turned about the vertical, in degrees (positive: toward the figure's left).</summary>
    public double Yaw { get; init; }

    public SpineAngles Lumbar { get; init; }
    public SpineAngles Thorax { get; init; }
    public SpineAngles Neck { get; init; }

    /// <summary>Nodding of the head on the neck (positive: chin down).</summary>
    public double HeadFlexion { get; init; }

    /// <summary>Chin drawn straight back (a chin tuck), in H.</summary>
    public double ChinTuck { get; init; }

    /// <summary>Shoulders lifted toward the ears, in H.</summary>
    public double Shrug { get; init; }

    /// <summary>Shoulders drawn forward (positive) or back and together (negative), in H.</summary>
    public double ShoulderReach { get; init; }

    public ArmAngles LeftArm { get; init; }
    public ArmAngles RightArm { get; init; }
    public LegAngles LeftLeg { get; init; }
    public LegAngles RightLeg { get; init; }

    /// <summary>A pregnancy bump at the front of the belly.</summary>
    public bool Bump { get; init; }

    public ArmAngles Arm(Side side) => side == Side.Left ? LeftArm : RightArm;

    public LegAngles Leg(Side side) => side == Side.Left ? LeftLeg : RightLeg;

    public Pose WithArms(ArmAngles both) => this with { LeftArm = both, RightArm = both };

    public Pose WithLegs(LegAngles both) => this with { LeftLeg = both, RightLeg = both };

    public Pose WithArm(Side side, ArmAngles arm) => side == Side.Left ? this with { LeftArm = arm } : this with { RightArm = arm };

    public Pose WithLeg(Side side, LegAngles leg) => side == Side.Left ? this with { LeftLeg = leg } : this with { RightLeg = leg };

    public Pose MovedTo(double x, double y) => this with { Hips = Hips with { X = x, Y = y } };
}
