namespace PhysioPortal.Core.Illustrations;

/// <summary>A cross-section of the trunk: its centre, orientation, half-depth (front to back) and half-width.</summary>
public readonly record struct TrunkSection(Vec3 Center, Rotation Frame, double HalfDepth, double HalfWidth);

/// <summary>
/// The joint positions of a <see cref="Pose"/> in the world, found by forward kinematics from the hips outward.
/// </summary>
public sealed class Skeleton
{
    // Arrays, not dictionaries: poses found by searching joint angles build thousands of skeletons.
    private readonly Vec3[] _points = new Vec3[(int)Landmark.RightToe + 1];
    private readonly Rotation[] _frames = new Rotation[8];

    private Skeleton(Pose pose)
    {
        Pose = pose;
        var pelvis = Rotation.AboutY(pose.Yaw).Then(Rotation.AboutZ(-pose.Pitch)).Then(Rotation.AboutX(pose.Roll));
        var hips = pose.Hips;
        var lumbarBase = hips + pelvis.Apply(new Vec3(0, Body.PelvisRise, 0));
        var lumbar = pelvis.Then(Spine(pose.Lumbar));
        var waist = lumbarBase + lumbar.Apply(new Vec3(0, Body.Lumbar, 0));
        var thorax = lumbar.Then(Spine(pose.Thorax));
        var neckBase = waist + thorax.Apply(new Vec3(-pose.ChinTuck * 0.3, Body.Thorax, 0));
        var neck = thorax.Then(Spine(pose.Neck));
        var headJoint = neckBase + neck.Apply(new Vec3(0, Body.Neck, 0)) - thorax.Apply(new Vec3(pose.ChinTuck, 0, 0));
        var head = neck.Then(Rotation.AboutZ(-pose.HeadFlexion));
        HeadFrame = head;
        PelvisFrame = pelvis;
        ThoraxFrame = thorax;
        Set(Landmark.Hips, hips);
        Set(Landmark.Waist, waist);
        Set(Landmark.Chest, waist + thorax.Apply(new Vec3(0.005, 0.08, 0)));
        Set(Landmark.NeckBase, neckBase);
        Set(Landmark.Head, headJoint + head.Apply(new Vec3(0.012, 0.046, 0)));
        Set(Landmark.Nose, headJoint + head.Apply(new Vec3(0.012 + Body.HeadRadius, 0.036, 0)));

        Sections =
        [
            new(hips + pelvis.Apply(new Vec3(-0.004, 0.0, 0)), pelvis, 0.066, 0.105),
            new(lumbarBase, lumbar, 0.062, 0.096),
            new(waist, lumbar, 0.058, 0.09),
            new(waist + thorax.Apply(new Vec3(0.006, 0.075, 0)), thorax, 0.064, 0.1),
            new(waist + thorax.Apply(new Vec3(0, Body.ShoulderRise, 0)), thorax, 0.058, 0.125),
        ];
        BumpCenter = waist + lumbar.Apply(new Vec3(0.062, -0.035, 0));

        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var s = (int)side;
            Landmark L(Landmark left, Landmark right) => side == Side.Left ? left : right;
            var hip = hips + pelvis.Apply(new Vec3(0, 0, s * Body.HipWidth / 2));
            var leg = pose.Leg(side);
            var (thigh, knee, shank, ankle) = Chain(pelvis, hip, Limb(leg.Flexion, leg.Abduction, leg.Rotation, s), Body.Thigh, -leg.Knee, Body.Shank);
            var foot = shank.Then(Rotation.AboutZ(leg.Ankle));
            var sole = -(Body.AnkleHeight - Body.FootWidth / 2);
            _frames[FrameIndex(side, "thigh")] = thigh;
            _frames[FrameIndex(side, "shank")] = shank;
            Set(L(Landmark.LeftHip, Landmark.RightHip), hip);
            Set(L(Landmark.LeftKnee, Landmark.RightKnee), knee);
            Set(L(Landmark.LeftAnkle, Landmark.RightAnkle), ankle);
            Set(L(Landmark.LeftHeel, Landmark.RightHeel), ankle + foot.Apply(new Vec3(-0.028, sole, 0)));
            Set(L(Landmark.LeftToe, Landmark.RightToe), ankle + foot.Apply(new Vec3(Body.FootLength - 0.028 - Body.FootWidth / 2, sole, 0)));

            var shoulder = waist + thorax.Apply(new Vec3(pose.ShoulderReach, Body.ShoulderRise + pose.Shrug, s * Body.ShoulderWidth / 2));
            var arm = pose.Arm(side);
            var (upper, elbow, fore, wrist) = Chain(thorax, shoulder, Limb(arm.Flexion, arm.Abduction, arm.Rotation, s), Body.UpperArm, arm.Elbow, Body.Forearm);
            _frames[FrameIndex(side, "upper arm")] = upper;
            _frames[FrameIndex(side, "forearm")] = fore;
            Set(L(Landmark.LeftShoulder, Landmark.RightShoulder), shoulder);
            Set(L(Landmark.LeftElbow, Landmark.RightElbow), elbow);
            Set(L(Landmark.LeftWrist, Landmark.RightWrist), wrist);
            // The hand is drawn to the knuckles' end; the round cap adds the rest of its length.
            var hand = fore.Then(Rotation.AboutZ(arm.Wrist));
            Set(L(Landmark.LeftHand, Landmark.RightHand), wrist + hand.Apply(new Vec3(0, -(Body.Hand - Body.ForearmWidth / 2), 0)));
        }
    }

    public Pose Pose { get; }

    /// <summary>The trunk from the pelvis up to the shoulders, bottom first.</summary>
    public IReadOnlyList<TrunkSection> Sections { get; }

    public Rotation HeadFrame { get; }

    public Rotation PelvisFrame { get; }

    public Rotation ThoraxFrame { get; }

    /// <summary>The frame of a limb segment: "thigh", "shank", "upper arm" or "forearm".</summary>
    public Rotation Frame(Side side, string segment) => _frames[FrameIndex(side, segment)];

    private static int FrameIndex(Side side, string segment) => (side == Side.Left ? 0 : 4) + segment switch
    {
        "thigh" => 0,
        "shank" => 1,
        "upper arm" => 2,
        "forearm" => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "a limb segment: thigh, shank, upper arm or forearm"),
    };

    public Vec3 BumpCenter { get; }

    public Vec3 this[Landmark landmark] => _points[(int)landmark];

    public static Skeleton Of(Pose pose) => new(pose);

    /// <summary>The rigid segments as (name, from, to, length): what "lengths never change" is checked on.</summary>
    public IEnumerable<(string Name, Vec3 From, Vec3 To, double Length)> Segments()
    {
        foreach (var (side, l) in new[] { (Side.Left, "left"), (Side.Right, "right") })
        {
            var left = side == Side.Left;
            yield return ($"{l} upper arm", this[left ? Landmark.LeftShoulder : Landmark.RightShoulder], this[left ? Landmark.LeftElbow : Landmark.RightElbow], Body.UpperArm);
            yield return ($"{l} forearm", this[left ? Landmark.LeftElbow : Landmark.RightElbow], this[left ? Landmark.LeftWrist : Landmark.RightWrist], Body.Forearm);
            yield return ($"{l} thigh", this[left ? Landmark.LeftHip : Landmark.RightHip], this[left ? Landmark.LeftKnee : Landmark.RightKnee], Body.Thigh);
            yield return ($"{l} shank", this[left ? Landmark.LeftKnee : Landmark.RightKnee], this[left ? Landmark.LeftAnkle : Landmark.RightAnkle], Body.Shank);
        }

        yield return ("hips", this[Landmark.LeftHip], this[Landmark.RightHip], Body.HipWidth);
        yield return ("lumbar spine", Sections[1].Center, this[Landmark.Waist], Body.Lumbar);
    }

    private void Set(Landmark landmark, Vec3 point) => _points[(int)landmark] = point;

    /// <summary>Two segments hanging from <paramref name="root"/>: the first turned by <paramref name="joint"/> in its
    /// parent's frame, the second bent by <paramref name="bend"/> degrees about the first one's side axis.</summary>
    private static (Rotation First, Vec3 Middle, Rotation Second, Vec3 End) Chain(
        Rotation parent, Vec3 root, Rotation joint, double first, double bend, double second)
    {
        var a = parent.Then(joint);
        var middle = root + a.Apply(new Vec3(0, -first, 0));
        var b = a.Then(Rotation.AboutZ(bend));
        return (a, middle, b, middle + b.Apply(new Vec3(0, -second, 0)));
    }

    private static Rotation Spine(SpineAngles a) =>
        Rotation.AboutZ(-a.Flexion).Then(Rotation.AboutX(a.SideBend)).Then(Rotation.AboutY(-a.Rotation));

    /// <summary>Flexion about the side axis, then abduction away from the midline, then rotation about the limb.</summary>
    private static Rotation Limb(double flexion, double abduction, double rotation, int side) =>
        Rotation.AboutZ(flexion).Then(Rotation.AboutX(-side * abduction)).Then(Rotation.AboutY(-side * rotation));
}
