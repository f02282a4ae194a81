namespace PhysioPortal.Core.Illustrations;

/// <summary>The solid shape of a posed figure in the world: where its surfaces are, for grounding and checks.</summary>
public static class BodyGeometry
{
    /// <summary>A rounded segment of the body: its axis and radius.</summary>
    public readonly record struct Capsule(string Name, Vec3 A, Vec3 B, double Radius)
    {
        public double Bottom => Math.Min(A.Y, B.Y) - Radius;
    }

    /// <summary>Every limb capsule, the head and the bump.</summary>
    public static IEnumerable<Capsule> Capsules(Skeleton b)
    {
        foreach (var (side, name) in new[] { (Side.Left, "left"), (Side.Right, "right") })
        {
            var l = side == Side.Left;
            yield return new($"{name} thigh", b[l ? Landmark.LeftHip : Landmark.RightHip], b[l ? Landmark.LeftKnee : Landmark.RightKnee], Body.ThighWidth / 2);
            yield return new($"{name} shank", b[l ? Landmark.LeftKnee : Landmark.RightKnee], b[l ? Landmark.LeftAnkle : Landmark.RightAnkle], Body.ShankWidth / 2);
            yield return new($"{name} foot", b[l ? Landmark.LeftHeel : Landmark.RightHeel], b[l ? Landmark.LeftToe : Landmark.RightToe], Body.FootWidth / 2);
            yield return new($"{name} upper arm", b[l ? Landmark.LeftShoulder : Landmark.RightShoulder], b[l ? Landmark.LeftElbow : Landmark.RightElbow], Body.UpperArmWidth / 2);
            yield return new($"{name} forearm", b[l ? Landmark.LeftElbow : Landmark.RightElbow], b[l ? Landmark.LeftWrist : Landmark.RightWrist], Body.ForearmWidth / 2);
            yield return new($"{name} hand", b[l ? Landmark.LeftWrist : Landmark.RightWrist], b[l ? Landmark.LeftHand : Landmark.RightHand], Body.ForearmWidth / 2);
        }

        yield return new("head", b[Landmark.Head], b[Landmark.Head], Body.HeadRadius);
        yield return new("neck", b[Landmark.NeckBase], b[Landmark.Head], Body.NeckWidth / 2);
        if (b.Pose.Bump)
            yield return new("bump", b.BumpCenter, b.BumpCenter, Body.BumpRadius);
    }

    /// <summary>How far the rounded ends of the trunk reach beyond its first (pelvis) and last (shoulder) section.</summary>
    public const double PelvisCap = 0.06;

    public const double ShoulderCap = 0.04;

    /// <summary>The lowest point of the trunk section <paramref name="index"/> (its centre minus its vertical
    /// half-extent; the end sections as half ellipsoids that include the rounded ends).</summary>
    public static double Bottom(Skeleton b, int index)
    {
        var s = b.Sections[index];
        var cap = index == 0 ? -PelvisCap : index == b.Sections.Count - 1 ? ShoulderCap : 0;
        // The cap only reaches further down when the trunk's axis points that way.
        var along = cap * s.Frame.YAxis.Y;
        var capDown = along < 0 ? along : 0;
        return s.Center.Y - Math.Sqrt(Sq(s.HalfDepth * s.Frame.XAxis.Y) + Sq(s.HalfWidth * s.Frame.ZAxis.Y) + Sq(capDown));
    }

    /// <summary>The lowest point of the whole figure.</summary>
    public static double Lowest(Skeleton b) =>
        Math.Min(Capsules(b).Min(c => c.Bottom), Enumerable.Range(0, b.Sections.Count).Min(i => Bottom(b, i)));

    private static double Sq(double x) => x * x;
}
