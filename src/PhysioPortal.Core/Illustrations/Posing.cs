namespace PhysioPortal.Core.Illustrations;

/// <summary>
/// Helpers for authoring poses: starting positions, and two-joint inverse kinematics in the side view's plane
/// that find the joint angles putting a wrist or an ankle on a given point (a hand on the floor, a foot flat).
/// They only compute angles: the result is still a <see cref="Pose"/> of plain data.
/// </summary>
public static class Posing
{
    /// <summary>Standing upright, arms hanging, hips at <paramref name="x"/>.</summary>
    public static Pose Standing(double x = 0.75) => new() { Hips = new Vec3(x, Body.HipHeight, 0) };

    /// <summary>Sitting tall on a chair whose seat's front edge is at <paramref name="chairFront"/>, feet flat.</summary>
    public static Pose Sitting(double chairFront, double footForward = 0.3) =>
        new Pose { Hips = new Vec3(chairFront - 0.11, Prop.SeatHeight + 0.068, 0), LeftArm = new(Flexion: 25, Elbow: 50), RightArm = new(Flexion: 25, Elbow: 50) }
            .FeetFlat(chairFront - 0.11 + footForward, spread: 0);

    /// <summary>Lying on the back, head to the left, legs straight, arms by the sides.</summary>
    public static Pose LyingOnBack(double x = 0.85) =>
        new Pose { Hips = new Vec3(x, 0.2, 0), Pitch = -90, LeftLeg = new(Ankle: -20), RightLeg = new(Ankle: -20), Neck = new(Flexion: 10) }.Grounded();

    /// <summary>Lying face down, head to the right, legs straight.</summary>
    public static Pose LyingFaceDown(double x = 0.6) =>
        new Pose { Hips = new Vec3(x, 0.2, 0), Pitch = 90, Neck = new(Flexion: 5) }.RestFoot(Side.Left).RestFoot(Side.Right).Grounded();

    /// <summary>On hands and knees, facing right, hands under the shoulders and knees under the hips.</summary>
    public static Pose AllFours(double x = 0.6, double pitch = 78, SpineAngles lumbar = default, SpineAngles thorax = default) =>
        Kneel(new Pose { Hips = new Vec3(x, 0.29, 0), Pitch = pitch, Lumbar = lumbar, Thorax = thorax }.WithLegs(new(Flexion: 90 - (90 - pitch), Knee: 90)))
            .HandsUnderShoulders();

    /// <summary>Puts both knees on the floor under the hips, shins behind, by moving the hips down; the feet rest
    /// with their tops on the floor.</summary>
    public static Pose Kneel(Pose pose)
    {
        var b = Skeleton.Of(pose);
        var knee = Math.Min(b[Landmark.LeftKnee].Y, b[Landmark.RightKnee].Y);
        var moved = pose with { Hips = pose.Hips with { Y = pose.Hips.Y - (knee - Body.ThighWidth / 2) } };
        return moved.RestFoot(Side.Left).RestFoot(Side.Right);
    }

    /// <summary>A foot behind a kneeling or lying leg: pointed back as far as the foot goes, then the knee bent a
    /// little more (up to its range) so the toes just rest on the floor instead of digging in.</summary>
    public static Pose RestFoot(this Pose pose, Side side)
    {
        var shank = Skeleton.Of(pose).Frame(side, "shank");
        var back = shank.YAxis.X > 0 ? 180.0 : 0.0;
        var pointed = pose.FootPointing(side, back);
        var leg = pointed.Leg(side) with { Ankle = Math.Max(pointed.Leg(side).Ankle, -80) };
        var result = pose.WithLeg(side, leg);
        var toe = side == Side.Left ? Landmark.LeftToe : Landmark.RightToe;
        for (var k = leg.Knee; k <= 155 && Skeleton.Of(result)[toe].Y - Body.FootWidth / 2 < 0; k += 1)
            result = result.WithLeg(side, leg with { Knee = k });
        return result;
    }

    /// <summary>Both palms flat on the floor under the shoulders (or <paramref name="forward"/> ahead of them).</summary>
    public static Pose HandsUnderShoulders(this Pose pose, double forward = 0)
    {
        var b = Skeleton.Of(pose);
        var result = pose;
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var s = b[side == Side.Left ? Landmark.LeftShoulder : Landmark.RightShoulder];
            result = result.Reach(side, s.X + forward, Body.ForearmWidth / 2, handAngle: 0);
        }

        return result;
    }

    /// <summary>Both wrists at (dx, dy) from their shoulders in the side view, the hands at <paramref name="handAngle"/>.</summary>
    public static Pose FromShoulders(this Pose pose, double dx, double dy, double? handAngle = null)
    {
        var b = Skeleton.Of(pose);
        var l = b[Landmark.LeftShoulder];
        var r = b[Landmark.RightShoulder];
        return pose.Reach(Side.Left, l.X + dx, l.Y + dy, handAngle).Reach(Side.Right, r.X + dx, r.Y + dy, handAngle);
    }

    /// <summary>Moves the figure up or down so its lowest point touches the floor.</summary>
    public static Pose Grounded(this Pose pose, double floor = 0)
    {
        var lowest = BodyGeometry.Lowest(Skeleton.Of(pose));
        return pose with { Hips = pose.Hips with { Y = pose.Hips.Y - lowest + floor } };
    }

    /// <summary>Both feet flat on the floor with the ankles at <paramref name="x"/>.</summary>
    public static Pose FeetFlat(this Pose pose, double x, double spread = 0) =>
        pose.Step(Side.Left, x + spread / 2, Body.AnkleHeight, 0).Step(Side.Right, x - spread / 2, Body.AnkleHeight, 0);

    /// <summary>
    /// Hip and knee angles that put the ankle at (x, y) in the side view's plane, the knee bending the natural way;
    /// then the ankle angle that points the foot at <paramref name="footAngle"/> degrees (0: toes to the right,
    /// level; 90: toes up). Abduction and rotation of the leg stay as they were (keep them 0 for a true fit).
    /// </summary>
    public static Pose Step(this Pose pose, Side side, double x, double y, double? footAngle = 0)
    {
        var b = Skeleton.Of(pose);
        var hip = b[side == Side.Left ? Landmark.LeftHip : Landmark.RightHip];
        var (thighAngle, bend) = TwoJoint(b.PelvisFrame, hip, new Vec3(x, y, hip.Z), Body.Thigh, Body.Shank, kneeForward: true);
        var leg = pose.Leg(side) with { Flexion = thighAngle, Knee = bend };
        var result = pose.WithLeg(side, leg);
        return footAngle is { } angle ? result.FootPointing(side, angle) : result;
    }

    /// <summary>The ankle angle that points the foot at <paramref name="worldAngle"/> degrees in the side view.</summary>
    public static Pose FootPointing(this Pose pose, Side side, double worldAngle)
    {
        var shank = Skeleton.Of(pose).Frame(side, "shank");
        var ankle = SignedAngle(shank.XAxis, shank.YAxis, worldAngle);
        return pose.WithLeg(side, pose.Leg(side) with { Ankle = ankle });
    }

    /// <summary>The wrist angle that points the hand at <paramref name="worldAngle"/> degrees in the side view.</summary>
    public static Pose HandPointing(this Pose pose, Side side, double worldAngle)
    {
        var fore = Skeleton.Of(pose).Frame(side, "forearm");
        var wrist = SignedAngle(fore.YAxis * -1, fore.XAxis, worldAngle);
        return pose.WithArm(side, pose.Arm(side) with { Wrist = wrist });
    }

    /// <summary>Shoulder and elbow angles that put the wrist at (x, y); then the hand pointing at
    /// <paramref name="handAngle"/> degrees (0: to the right, -90: down), if given.</summary>
    public static Pose Reach(this Pose pose, Side side, double x, double y, double? handAngle = null)
    {
        var b = Skeleton.Of(pose);
        var shoulder = b[side == Side.Left ? Landmark.LeftShoulder : Landmark.RightShoulder];
        var (upperAngle, bend) = TwoJoint(b.ThoraxFrame, shoulder, new Vec3(x, y, shoulder.Z), Body.UpperArm, Body.Forearm, kneeForward: false);
        var arm = pose.Arm(side) with { Flexion = upperAngle, Elbow = bend };
        var result = pose.WithArm(side, arm);
        if (handAngle is not { } angle)
            return result;
        var fore = Skeleton.Of(result).Frame(side, "forearm");
        // The hand points along the forearm's -y; its flexion turns it toward the forearm's +x.
        var wrist = SignedAngle(fore.YAxis * -1, fore.XAxis, angle);
        return result.WithArm(side, arm with { Wrist = wrist });
    }

    /// <summary>
    /// The angle of the first segment (from the parent's -y toward its +x, as flexion counts) and the bend of the
    /// second, for a two-segment chain from <paramref name="root"/> to <paramref name="target"/> in the x–y plane.
    /// A target out of reach straightens the chain toward it.
    /// </summary>
    private static (double First, double Bend) TwoJoint(Rotation parent, Vec3 root, Vec3 target, double l1, double l2, bool kneeForward)
    {
        var d = new Vec3(target.X - root.X, target.Y - root.Y, 0);
        var dist = Math.Clamp(d.Length, Math.Abs(l1 - l2) + 1e-6, l1 + l2 - 1e-6);
        var towardTarget = Angle(parent, d);
        var beta = Math.Acos(Math.Clamp((l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist), -1, 1)) * 180 / Math.PI;
        var inner = Math.Acos(Math.Clamp((l1 * l1 + l2 * l2 - dist * dist) / (2 * l1 * l2), -1, 1)) * 180 / Math.PI;
        var bend = 180 - inner;
        // Knees bend backward (the knee ahead of the line hip–ankle); elbows bend forward (the elbow behind it).
        return kneeForward ? (towardTarget + beta, bend) : (towardTarget - beta, bend);
    }

    /// <summary>Angle of a world vector from the parent's -y axis toward its +x axis, in the x–y plane.</summary>
    private static double Angle(Rotation parent, Vec3 v)
    {
        var down = parent.YAxis * -1;
        var front = parent.XAxis;
        return Math.Atan2(Dot2(v, front), Dot2(v, down)) * 180 / Math.PI;
    }

    /// <summary>The angle from <paramref name="zero"/> toward <paramref name="positive"/> at which a direction of
    /// <paramref name="worldAngle"/> degrees (in the x–y plane) lies.</summary>
    private static double SignedAngle(Vec3 zero, Vec3 positive, double worldAngle)
    {
        var (s, c) = Math.SinCos(worldAngle * Math.PI / 180);
        var dir = new Vec3(c, s, 0);
        return Math.Atan2(Dot2(dir, positive), Dot2(dir, zero)) * 180 / Math.PI;
    }

    private static double Dot2(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y;

    /// <summary>
    /// Finds leg angles (all four: flexion, abduction, rotation, knee) that put the ankle on a point anywhere in
    /// space (an ankle across the other knee), by coordinate descent from the current angles, within the joints'
    /// ranges and preferring small changes.
    /// </summary>
    public static Pose PlaceAnkle(this Pose pose, Side side, Vec3 target)
    {
        var ankle = side == Side.Left ? Landmark.LeftAnkle : Landmark.RightAnkle;
        return pose.PlaceLeg(side, b => (b[ankle] - target).Length);
    }

    /// <summary>Leg angles (flexion, abduction, rotation, knee) that make <paramref name="error"/> smallest.</summary>
    public static Pose PlaceLeg(this Pose pose, Side side, Func<Skeleton, double> error)
    {
        double[] x = [pose.Leg(side).Flexion, pose.Leg(side).Abduction, pose.Leg(side).Rotation, pose.Leg(side).Knee];
        double[] lo = [-30, -30, -45, 0];
        double[] hi = [120, 45, 45, 135];
        Pose Make(double[] v) => pose.WithLeg(side, pose.Leg(side) with { Flexion = v[0], Abduction = v[1], Rotation = v[2], Knee = v[3] });
        return Make(Descend(x, lo, hi, v => error(Skeleton.Of(Make(v)))));
    }

    /// <summary>Arm angles (flexion, abduction, rotation, elbow) that put the wrist on a point anywhere in space.</summary>
    public static Pose PlaceWrist(this Pose pose, Side side, Vec3 target)
    {
        var wrist = side == Side.Left ? Landmark.LeftWrist : Landmark.RightWrist;
        return pose.PlaceArm(side, b => (b[wrist] - target).Length);
    }

    /// <summary>Arm angles (flexion, abduction, rotation, elbow) that make <paramref name="error"/> smallest.</summary>
    public static Pose PlaceArm(this Pose pose, Side side, Func<Skeleton, double> error)
    {
        double[] x = [pose.Arm(side).Flexion, pose.Arm(side).Abduction, pose.Arm(side).Rotation, pose.Arm(side).Elbow];
        double[] lo = [-60, -40, -70, 0];
        double[] hi = [180, 180, 90, 150];
        Pose Make(double[] v) => pose.WithArm(side, pose.Arm(side) with { Flexion = v[0], Abduction = v[1], Rotation = v[2], Elbow = v[3] });
        return Make(Descend(x, lo, hi, v => error(Skeleton.Of(Make(v)))));
    }

    private static double[] Descend(double[] start, double[] lo, double[] hi, Func<double[], double> distance)
    {
        var x = (double[])start.Clone();
        for (var i = 0; i < x.Length; i++)
            x[i] = Math.Clamp(x[i], lo[i], hi[i]);
        var origin = (double[])x.Clone();
        double Cost(double[] v)
        {
            var change = 0.0;
            for (var i = 0; i < v.Length; i++)
                change += Math.Abs(v[i] - origin[i]);
            return distance(v) + change * 2e-5;
        }

        var best = Cost(x);
        for (var step = 16.0; step > 0.05; step /= 2)
        {
            var improved = true;
            for (var round = 0; improved && round < 200; round++)
            {
                improved = false;
                for (var i = 0; i < x.Length; i++)
                {
                    foreach (var dir in new[] { step, -step })
                    {
                        var old = x[i];
                        x[i] = Math.Clamp(old + dir, lo[i], hi[i]);
                        var c = Cost(x);
                        if (c < best - 1e-9)
                        {
                            best = c;
                            improved = true;
                        }
                        else
                        {
                            x[i] = old;
                        }
                    }
                }
            }
        }

        return x;
    }
}
