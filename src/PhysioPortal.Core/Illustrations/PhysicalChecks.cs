namespace PhysioPortal.Core.Illustrations;

/// <summary>
/// Checks that a pose is physically possible and shows what its steps say: nothing below the floor, the contacts of
/// the starting position really touch, joints within normal human ranges, the figure inside its frame, limbs of a
/// constant length. Each check returns what is wrong, in words (empty: fine).
/// </summary>
public static class PhysicalChecks
{
    /// <summary>How far below the floor (soft tissue pressed flat) is tolerated, in H.</summary>
    public const double Tolerance = 0.015;

    /// <summary>How close a surface must be to count as touching, in H (about 4 cm: soft tissue, clothing).</summary>
    public const double ContactTolerance = 0.025;

    /// <summary>Normal ranges of motion in degrees (AAOS normal values; the exceptions are explained below and in
    /// docs/decisions/0009-exercise-pictures-inline-svg.md): (name, min, max).</summary>
    public static IEnumerable<(string Joint, double Value, double Min, double Max)> Joints(Pose p)
    {
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var n = side == Side.Left ? "left" : "right";
            var leg = p.Leg(side);
            var arm = p.Arm(side);
            yield return ($"{n} hip flexion", leg.Flexion, -30, 120);
            yield return ($"{n} hip abduction", leg.Abduction, -30, 45);
            yield return ($"{n} hip rotation", leg.Rotation, -45, 45);
            // AAOS active knee flexion is 135°; kneeling sitting on the heels (child's pose) bends it about 155° passively,
            // the calf pressed against the thigh.
            yield return ($"{n} knee flexion", leg.Knee, 0, 155);
            // The foot is one rigid segment, so its angle to the shank includes the midfoot: AAOS ankle plantarflexion
            // 50° plus about 30° of the midfoot lets the top of the foot lie flat when kneeling.
            yield return ($"{n} foot", leg.Ankle, -80, 20);
            yield return ($"{n} shoulder flexion", arm.Flexion, -60, 180);
            yield return ($"{n} shoulder abduction", arm.Abduction, -45, 180);
            yield return ($"{n} shoulder rotation", arm.Rotation, -70, 90);
            yield return ($"{n} elbow flexion", arm.Elbow, 0, 150);
            // The hand is one segment (palm and fingers). Positive: a palm flat on the floor under the shoulder (plank,
            // all fours) bends it 90°, loaded passive extension beyond AAOS's active 70°; the other way AAOS's 80°.
            yield return ($"{n} wrist", arm.Wrist, -80, 90);
        }

        // Extension: 45°, the passive end range of a prone press-up, the only exercise past AAOS's active 25° (every
        // other frame stays within it); flexion: AAOS 80°.
        yield return ("trunk flexion", p.Lumbar.Flexion + p.Thorax.Flexion, -45, 80);
        yield return ("trunk side bend", p.Lumbar.SideBend + p.Thorax.SideBend, -35, 35);
        yield return ("trunk rotation", p.Lumbar.Rotation + p.Thorax.Rotation, -45, 45);
        yield return ("neck flexion", p.Neck.Flexion + p.HeadFlexion, -45, 45);
        yield return ("neck side bend", p.Neck.SideBend, -45, 45);
        yield return ("neck rotation", p.Neck.Rotation, -60, 60);
    }

    public static IEnumerable<string> JointRanges(Illustration ill) =>
        Frames(ill).SelectMany(f => Joints(f.Pose)
            .Where(j => j.Value < j.Min - 0.5 || j.Value > j.Max + 0.5)
            .Select(j => $"{f.Name}: {j.Joint} {j.Value:0}° is outside {j.Min:0}°…{j.Max:0}°"));

    public static IEnumerable<string> AboveFloor(Illustration ill)
    {
        foreach (var (name, pose) in Frames(ill))
        {
            var b = Skeleton.Of(pose);
            foreach (var c in BodyGeometry.Capsules(b).Where(c => c.Bottom < -Tolerance))
                yield return $"{name}: the {c.Name} is {-c.Bottom:0.000} H below the floor";
            for (var i = 0; i < b.Sections.Count; i++)
            {
                var bottom = BodyGeometry.Bottom(b, i);
                if (bottom < -Tolerance)
                    yield return $"{name}: the trunk is {-bottom:0.000} H below the floor";
            }
        }
    }

    /// <summary>Every mark of both drawings lies inside its frame.</summary>
    public static IEnumerable<string> InsideFrame(Illustration ill)
    {
        var (start, end) = FigureRenderer.Render(ill);
        foreach (var (name, drawing) in new[] { ("start", start), ("end", end) })
        {
            foreach (var group in drawing.Groups.Where(g => g.Role != GroupRole.Floor))
            {
                foreach (var mark in group.Marks)
                {
                    var (x1, y1, x2, y2) = Bounds(mark);
                    if (x1 < -0.001 || y1 < -0.001 || x2 > drawing.Width + 0.001 || y2 > drawing.Height + 0.001)
                        yield return $"{name}: a {group.Role.ToString().ToLowerInvariant()} shape reaches outside the frame ({x1:0.00},{y1:0.00})–({x2:0.00},{y2:0.00})";
                }
            }
        }
    }

    /// <summary>Segment lengths are the same in both frames and equal to the body's proportions.</summary>
    public static IEnumerable<string> SegmentLengths(Illustration ill)
    {
        foreach (var (name, pose) in Frames(ill))
        {
            foreach (var s in Skeleton.Of(pose).Segments())
            {
                var length = (s.To - s.From).Length;
                if (Math.Abs(length - s.Length) > 1e-6)
                    yield return $"{name}: the {s.Name} is {length:0.0000} H long instead of {s.Length:0.0000} H";
            }
        }
    }

    /// <summary>The contacts that must hold: <paramref name="start"/> in the first frame, and in the second the
    /// illustration's own <see cref="Illustration.EndContacts"/> or else the same.</summary>
    public static IEnumerable<string> ContactsHold(Illustration ill, Contacts start)
    {
        foreach (var failure in Missing(ill, ill.Start, start))
            yield return $"start: {failure}";
        foreach (var failure in Missing(ill, ill.End, ill.EndContacts ?? start))
            yield return $"end: {failure}";
    }

    private static IEnumerable<string> Missing(Illustration ill, Pose pose, Contacts contacts)
    {
        var b = Skeleton.Of(pose);
        var p = new FigureRenderer.Projection(ill.View, ill.FrameWidth, ill.FrameHeight);
        var supports = ill.Props.SelectMany(x => x.Surfaces(ill.View)).Append((X1: double.NegativeInfinity, X2: double.PositiveInfinity, Y: 0.0)).ToList();

        bool Rests(Vec3 at, double bottom) =>
            supports.Any(s => Math.Abs(bottom - s.Y) <= ContactTolerance && p.Point(at).X >= s.X1 - ContactTolerance && p.Point(at).X <= s.X2 + ContactTolerance);
        bool Section(int i) => Rests(b.Sections[i].Center, BodyGeometry.Bottom(b, i));
        var caps = BodyGeometry.Capsules(b).ToDictionary(c => c.Name);
        bool Part(string name) => caps[name] is var c && Rests((c.A + c.B) * 0.5, c.Bottom);
        bool Knee(Side s)
        {
            var knee = b[s == Side.Left ? Landmark.LeftKnee : Landmark.RightKnee];
            return Rests(knee, knee.Y - Body.ThighWidth / 2);
        }

        var faceUp = b.ThoraxFrame.XAxis.Y > 0.3;
        var faceDown = b.ThoraxFrame.XAxis.Y < -0.3;
        var onSide = Math.Abs(b.ThoraxFrame.ZAxis.Y) > 0.6;
        var trunkDown = Enumerable.Range(0, b.Sections.Count).Any(Section);

        // Lying on the back, the buttocks and the shoulder blades touch (the small of the back may not); on a
        // roller, the upper back does.
        if (contacts.HasFlag(Contacts.BackOnSupport) && !(faceUp && Enumerable.Range(2, b.Sections.Count - 2).Any(Section)))
            yield return "the back does not rest on the floor (or roller)";
        if (contacts.HasFlag(Contacts.FrontOnFloor) && !(faceDown && trunkDown))
            yield return "the front of the body does not rest on the floor";
        // Lying on the side, the body rests on the hip (the top of the thigh) or on the lower shoulder and upper arm.
        var lower = b[Landmark.LeftShoulder].Y < b[Landmark.RightShoulder].Y ? "left" : "right";
        if (contacts.HasFlag(Contacts.SideOnFloor) && !(onSide && (trunkDown || Part($"{lower} upper arm") || Part($"{lower} thigh"))))
            yield return "the side of the body does not rest on the floor";
        if (contacts.HasFlag(Contacts.BothHandsDown) && !(Part("left hand") && Part("right hand")))
            yield return "both hands are not on the floor";
        if (contacts.HasFlag(Contacts.BothKneesDown) && !(Knee(Side.Left) && Knee(Side.Right)))
            yield return "both knees are not on the floor";
        if (contacts.HasFlag(Contacts.OneKneeDown) && !(Knee(Side.Left) || Knee(Side.Right)))
            yield return "no knee is on the floor";
        if (contacts.HasFlag(Contacts.BothFeetDown) && !(Part("left foot") && Part("right foot")))
            yield return "both feet are not on the floor";
        if (contacts.HasFlag(Contacts.OneFootDown) && !(Part("left foot") || Part("right foot")))
            yield return "no foot is on the floor";
        if (contacts.HasFlag(Contacts.PelvisOnSeat) && !Section(0))
            yield return "the pelvis does not rest on the seat";
        if (contacts.HasFlag(Contacts.ForearmDown) && !(Part("left forearm") || Part("right forearm")))
            yield return "no forearm rests on the floor";
    }

    private static IEnumerable<(string Name, Pose Pose)> Frames(Illustration ill) => [("start", ill.Start), ("end", ill.End)];

    private static (double X1, double Y1, double X2, double Y2) Bounds(Mark mark)
    {
        switch (mark)
        {
            case CircleMark c:
                return (c.Center.X - c.Radius, c.Center.Y - c.Radius, c.Center.X + c.Radius, c.Center.Y + c.Radius);
            case StrokeMark s:
                return Box(s.Points, s.Width / 2);
            case FillMark f:
                return Box(f.Points, f.Rounding / 2);
            default:
                return (0, 0, 0, 0);
        }
    }

    private static (double, double, double, double) Box(IReadOnlyList<Point2> points, double pad) =>
        (points.Min(q => q.X) - pad, points.Min(q => q.Y) - pad, points.Max(q => q.X) + pad, points.Max(q => q.Y) + pad);
}
