namespace PhysioPortal.Core.Illustrations;

/// <summary>
/// Turns an <see cref="Illustration"/> into two neutral <see cref="Drawing"/>s: props behind, then the body parts
/// from far to near (far limbs lighter), each part a group of filled rounded shapes with a halo, then the arrows.
/// </summary>
public static class FigureRenderer
{
    /// <summary>Space under the floor line for the floor band, in H.</summary>
    public const double FloorBand = 0.05;

    private const double NoseRadius = 0.017;

    public static (Drawing Start, Drawing End) Render(Illustration illustration)
    {
        ArgumentNullException.ThrowIfNull(illustration);
        var start = Skeleton.Of(illustration.Start);
        var end = Skeleton.Of(illustration.End);
        return (Draw(illustration, start, null), Draw(illustration, end, start));
    }

    /// <summary>Maps world points of one illustration to its frame (y down).</summary>
    public sealed class Projection(View view, double width, double height)
    {
        public View View { get; } = view;

        public double FloorY { get; } = height - FloorBand;

        public Point2 Point(Vec3 v) => View switch
        {
            View.Side => new(v.X, FloorY - v.Y),
            View.Front => new(width / 2 + v.Z, FloorY - v.Y),
            _ => new(v.X, height / 2 + v.Z),
        };

        public Point2 Direction(Vec3 v) => View switch
        {
            View.Side => new(v.X, -v.Y),
            View.Front => new(v.Z, -v.Y),
            _ => new(v.X, v.Z),
        };

        /// <summary>Distance toward the viewer.</summary>
        public double Depth(Vec3 v) => View switch
        {
            View.Side => v.Z,
            View.Front => v.X,
            _ => v.Y,
        };

        /// <summary>The world x of a prop's position as a frame x (props are placed along the picture's width).</summary>
        public double PropX(double x) => x;
    }

    private static Drawing Draw(Illustration ill, Skeleton body, Skeleton? previous)
    {
        var p = new Projection(ill.View, ill.FrameWidth, ill.FrameHeight);
        var groups = new List<MarkGroup>();
        groups.Add(new MarkGroup(Floor(ill, p), Halo: false, GroupRole.Floor));
        foreach (var prop in ill.Props.Where(x => x.Kind != PropKind.Mat))
            groups.Add(new MarkGroup(PropMarks(prop, ill, p), Halo: false, GroupRole.Prop));

        var parts = BodyParts(body, p);
        var trunkDepth = parts.Single(x => x.Name == "trunk").Depth;
        foreach (var part in parts.OrderBy(x => x.Depth))
        {
            // Far limbs are lighter and need no halo: the trunk's own halo parts them from it.
            var far = part.Limb && part.Depth < trunkDepth - 0.04;
            var marks = far ? part.Marks.Select(m => m with { Ink = Ink.FarSide }).ToList() : part.Marks;
            groups.Add(new MarkGroup(marks, Halo: !far && part.Name != "trunk"));
        }

        if (previous is not null)
        {
            foreach (var arrow in ill.Arrows)
                groups.Add(new MarkGroup(ArrowMarks(arrow, previous, body, p), Halo: true, GroupRole.Arrow));
        }

        return new Drawing(ill.FrameWidth, ill.FrameHeight, groups) { FloorY = p.FloorY };
    }

    private sealed record Part(string Name, double Depth, bool Limb, IReadOnlyList<Mark> Marks);

    private static List<Part> BodyParts(Skeleton b, Projection p)
    {
        var parts = new List<Part>();
        var trunk = Trunk(b, p);
        var trunkDepth = b.Sections.Average(s => p.Depth(s.Center));
        parts.Add(new Part("trunk", trunkDepth, false, trunk));
        var head = new List<Mark> { new CircleMark(p.Point(b[Landmark.Head]), Body.HeadRadius, Ink.Body) };
        // The nose shows which way the face turns; seen from straight ahead it lies inside the head and is left out.
        var nose = p.Point(b[Landmark.Nose]);
        if ((nose - p.Point(b[Landmark.Head])).Length + NoseRadius > Body.HeadRadius + 0.002)
            head.Add(new CircleMark(nose, NoseRadius, Ink.Body));
        // The head is drawn over everything (a pictogram's convention): an arm beside it never hides it.
        parts.Add(new Part("head", double.MaxValue, false, head));

        foreach (var side in new[] { Side.Right, Side.Left })
        {
            var l = side == Side.Left;
            Landmark L(Landmark left, Landmark right) => l ? left : right;
            var hip = b[L(Landmark.LeftHip, Landmark.RightHip)];
            var knee = b[L(Landmark.LeftKnee, Landmark.RightKnee)];
            var ankle = b[L(Landmark.LeftAnkle, Landmark.RightAnkle)];
            var heel = b[L(Landmark.LeftHeel, Landmark.RightHeel)];
            var toe = b[L(Landmark.LeftToe, Landmark.RightToe)];
            var leg = new List<Mark>
            {
                Stroke(p, Body.FootWidth, heel, toe),
                Stroke(p, Body.ShankWidth, knee, ankle),
                Stroke(p, Body.ThighWidth, hip, knee),
            };
            parts.Add(new Part($"{side} leg", (p.Depth(hip) + p.Depth(knee) + p.Depth(ankle)) / 3, true, leg));

            var shoulder = b[L(Landmark.LeftShoulder, Landmark.RightShoulder)];
            var elbow = b[L(Landmark.LeftElbow, Landmark.RightElbow)];
            var wrist = b[L(Landmark.LeftWrist, Landmark.RightWrist)];
            var hand = b[L(Landmark.LeftHand, Landmark.RightHand)];
            var arm = new List<Mark>
            {
                Stroke(p, Body.ForearmWidth, elbow, wrist, hand),
                Stroke(p, Body.UpperArmWidth, shoulder, elbow),
            };
            parts.Add(new Part($"{side} arm", (p.Depth(shoulder) + p.Depth(elbow) + p.Depth(wrist)) / 3 + 0.002, true, arm));
        }

        return parts;
    }

    private static StrokeMark Stroke(Projection p, double width, params Vec3[] points) =>
        new(points.Select(p.Point).ToList(), width, Ink.Body);

    /// <summary>The trunk's outline through its cross-sections (their extent as seen), with rounded ends; the neck;
    /// the bump.</summary>
    private static List<Mark> Trunk(Skeleton b, Projection p)
    {
        var sections = b.Sections;
        var centers = sections.Select(s => p.Point(s.Center)).ToList();
        var n = centers.Count;
        var left = new List<Point2>();
        var right = new List<Point2>();
        var tangents = new List<Point2>();
        var extents = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var t = centers[Math.Min(i + 1, n - 1)] - centers[Math.Max(i - 1, 0)];
            t = t * (1 / Math.Max(t.Length, 1e-9));
            var normal = t.Normal;
            var s = sections[i];
            var ax = p.Direction(s.Frame.XAxis);
            var az = p.Direction(s.Frame.ZAxis);
            var e = Math.Sqrt(Sq(s.HalfDepth * Dot(ax, normal)) + Sq(s.HalfWidth * Dot(az, normal)));
            tangents.Add(t);
            extents.Add(e);
            left.Add(centers[i] + normal * e);
            right.Add(centers[i] - normal * e);
        }

        var outline = new List<Point2>(left);
        Cap(outline, centers[n - 1], tangents[n - 1], extents[n - 1], Math.Min(extents[n - 1], BodyGeometry.ShoulderCap));
        for (var i = n - 1; i >= 0; i--)
            outline.Add(right[i]);
        Cap(outline, centers[0], tangents[0] * -1, extents[0], Math.Min(extents[0], BodyGeometry.PelvisCap));

        var marks = new List<Mark>
        {
            Stroke(p, Body.NeckWidth, b[Landmark.NeckBase], b[Landmark.Head]),
            new FillMark(outline, 0.02, Ink.Body),
        };
        if (b.Pose.Bump)
            marks.Add(new CircleMark(p.Point(b.BumpCenter), Body.BumpRadius, Ink.Body));
        return marks;
    }

    /// <summary>Points of a half ellipse beyond <paramref name="center"/> in direction <paramref name="t"/>, from the
    /// side its normal points to over to the other side.</summary>
    private static void Cap(List<Point2> outline, Point2 center, Point2 t, double halfWidth, double depth)
    {
        var normal = t.Normal;
        foreach (var deg in new[] { 40.0, 90, 140 })
        {
            var (s, c) = Math.SinCos(deg * Math.PI / 180);
            outline.Add(center + normal * (halfWidth * c) + t * (depth * s));
        }
    }

    private static List<Mark> Floor(Illustration ill, Projection p)
    {
        // Seen from above, the floor is the whole picture and the mat a rounded rectangle on it.
        if (ill.View == View.Above)
        {
            return [.. ill.Props.Where(x => x.Kind == PropKind.Mat)
                .Select(mat => (Mark)new FillMark(Rect(mat.X, 0.1, mat.Width, ill.FrameHeight - 0.2), 0.04, Ink.Wall))];
        }

        var marks = new List<Mark>
        {
            Bar(0, p.FloorY, ill.FrameWidth, FloorBand * 0.5, Ink.Floor),
        };
        foreach (var mat in ill.Props.Where(x => x.Kind == PropKind.Mat))
            marks.Add(Bar(mat.X, p.FloorY, mat.Width, 0.022, Ink.Mat));
        return marks;
    }

    /// <summary>A rectangle with rounded ends (x, y: top left), drawn as one thick line through its middle.</summary>
    private static StrokeMark Bar(double x, double y, double w, double h, Ink ink) =>
        new([new(x + h / 2, y + h / 2), new(x + w - h / 2, y + h / 2)], h, ink);

    private static List<Point2> Rect(double x, double y, double w, double h) =>
        [new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h)];

    private static List<Mark> PropMarks(Prop prop, Illustration ill, Projection p)
    {
        var f = p.FloorY;
        var marks = new List<Mark>();
        switch (prop.Kind)
        {
            case PropKind.Chair when ill.View == View.Side:
            {
                var front = prop.Flipped ? prop.X : prop.X;
                var back = prop.Flipped ? prop.X + Prop.SeatDepth : prop.X - Prop.SeatDepth;
                var seatY = f - Prop.SeatHeight;
                marks.Add(new StrokeMark([new(front, f), new(front, seatY)], 0.022, Ink.Prop));
                marks.Add(new StrokeMark([new(back, f), new(back, f - Prop.BackrestHeight)], 0.026, Ink.Prop));
                marks.Add(Bar(Math.Min(front, back) - 0.01, seatY, Prop.SeatDepth + 0.02, 0.028, Ink.Prop));
                marks.Add(new StrokeMark([new(back, f - Prop.BackrestHeight + 0.03), new(back, f - Prop.SeatHeight - 0.12)], 0.05, Ink.Prop));
                break;
            }

            case PropKind.Chair:
            {
                var half = Prop.SeatDepth / 2 + 0.02;
                var seatY = f - Prop.SeatHeight;
                marks.Add(Bar(prop.X - half - 0.02, seatY - 0.3, 2 * half + 0.04, 0.24, Ink.PropLight));
                marks.Add(new StrokeMark([new(prop.X - half + 0.01, f), new(prop.X - half + 0.01, seatY)], 0.022, Ink.Prop));
                marks.Add(new StrokeMark([new(prop.X + half - 0.01, f), new(prop.X + half - 0.01, seatY)], 0.022, Ink.Prop));
                marks.Add(Bar(prop.X - half, seatY, 2 * half, 0.028, Ink.Prop));
                break;
            }

            case PropKind.Desk:
            {
                var x1 = prop.Flipped ? prop.X - Prop.DeskDepth : prop.X;
                var topY = f - Prop.DeskHeight;
                marks.Add(new StrokeMark([new(x1 + 0.03, f), new(x1 + 0.03, topY)], 0.024, Ink.Prop));
                marks.Add(new StrokeMark([new(x1 + Prop.DeskDepth - 0.03, f), new(x1 + Prop.DeskDepth - 0.03, topY)], 0.024, Ink.Prop));
                marks.Add(Bar(x1, topY, Prop.DeskDepth, 0.032, Ink.Prop));
                break;
            }

            case PropKind.Wall when ill.View == View.Side:
            {
                var x = prop.Flipped ? prop.X : prop.X - 0.05;
                marks.Add(new StrokeMark([new(x + 0.025, 0.075), new(x + 0.025, f)], 0.05, Ink.PropLight));
                break;
            }

            case PropKind.Wall:
                marks.Add(new FillMark(Rect(0.08, 0.05, ill.FrameWidth - 0.16, f - 0.05), 0, Ink.Wall));
                break;

            case PropKind.FoamRoller:
                marks.Add(new CircleMark(new Point2(prop.X, f - Prop.RollerRadius), Prop.RollerRadius, Ink.Prop));
                break;

            case PropKind.Pillow:
            {
                var w = prop.Width > 0 ? prop.Width : 0.16;
                marks.Add(Bar(prop.X - w / 2, f - prop.Y - Prop.PillowHeight, w, Prop.PillowHeight, Ink.PropLight));
                break;
            }
        }

        return marks;
    }

    private static List<Mark> ArrowMarks(Arrow arrow, Skeleton before, Skeleton after, Projection p)
    {
        var points = new List<Point2>();
        switch (arrow)
        {
            case MoveArrow m:
            {
                var shift = new Point2(m.Dx, -m.Dy);
                var a = p.Point(before[m.Landmark]) + shift;
                var c = p.Point(after[m.Landmark]) + shift;
                var mid = (a + c) * 0.5;
                a = mid + (a - mid) * m.Scale;
                c = mid + (c - mid) * m.Scale;
                var d = c - a;
                var control = mid + d.Normal * (-m.Bend * d.Length * 2);
                for (var i = 0; i <= 6; i++)
                {
                    var t = i / 6.0;
                    points.Add(a * Sq(1 - t) + control * (2 * t * (1 - t)) + c * (t * t));
                }

                break;
            }

            case PointArrow a:
            {
                var center = p.Point(after[a.Landmark]) + new Point2(a.Dx, -a.Dy);
                var (s, c) = Math.SinCos(a.Angle * Math.PI / 180);
                var half = new Point2(c * a.Length / 2, -s * a.Length / 2);
                points.Add(center - half);
                points.Add(center);
                points.Add(center + half);
                break;
            }

            case TurnArrow t:
            {
                var center = p.Point(after[t.Landmark]) + new Point2(t.Dx, -t.Dy);
                for (var i = 0; i <= 10; i++)
                {
                    var deg = (t.From + t.Sweep * i / 10) * Math.PI / 180;
                    points.Add(center + new Point2(Math.Cos(deg) * t.Radius, -Math.Sin(deg) * t.Radius));
                }

                break;
            }
        }

        const double Width = 0.016;
        const double HeadLength = 0.05;
        var tip = points[^1];
        var dir = tip - points[^2];
        var unit = dir * (1 / Math.Max(dir.Length, 1e-9));
        var baseCenter = tip - unit * HeadLength;
        // Cut the shaft where the head begins.
        while (points.Count > 2 && (points[^1] - tip).Length < HeadLength * 0.8)
            points.RemoveAt(points.Count - 1);
        points.Add(baseCenter + unit * (HeadLength * 0.2));
        var normal = unit.Normal;
        var head = new List<Point2> { tip, baseCenter + normal * (HeadLength * 0.55), baseCenter - normal * (HeadLength * 0.55) };
        return [new StrokeMark(points, Width, Ink.Arrow), new FillMark(head, 0.008, Ink.Arrow)];
    }

    private static double Dot(Point2 a, Point2 b) => a.X * b.X + a.Y * b.Y;

    private static double Sq(double x) => x * x;
}
