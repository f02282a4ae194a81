using System.Collections.Concurrent;
using PhysioPortal.Core.Illustrations;
using static PhysioPortal.Core.Illustrations.Posing;

namespace PhysioPortal.Core.Exercises;

/// <summary>
/// The two key frames of every built-in exercise (<see cref="ExerciseLibrary"/>), keyed by slug: typed data that the
/// compiler checks and the physical-check tests run over. Side views show the figure's left side nearest (the far
/// limbs lighter); front views face the viewer, the figure's left on the picture's right.
/// </summary>
public static class ExerciseIllustrations
{
    private const double LowWidth = 1.6;
    private const double LowHeight = 0.8;
    private static readonly ConcurrentDictionary<(string Slug, string Name, bool Overlaid), string> SvgCache = new();

    private static readonly Dictionary<string, string> BuiltInNames = ExerciseLibrary.Exercises.ToDictionary(e => e.Slug, e => e.Name, StringComparer.Ordinal);

    /// <summary>Each exercise's frames are worked out on first use of that exercise (some poses are found by a search
    /// over joint angles): a page or a handout pays only for the exercises it shows.</summary>
    private static readonly Dictionary<string, Lazy<Illustration>> Frames =
        Build().ToDictionary(e => e.Key, e => new Lazy<Illustration>(e.Value), StringComparer.Ordinal);

    /// <summary>Every built-in exercise's illustration (builds them all: for tests and the contact sheet).</summary>
    public static IReadOnlyDictionary<string, Illustration> All => Frames.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);

    /// <summary>The illustration of a built-in exercise, or null (a clinic's own exercise).</summary>
    public static Illustration? For(string? slug) => slug is not null && Frames.TryGetValue(slug, out var ill) ? ill.Value : null;

    /// <summary>The two frames side by side as SVG (cached), or null when the exercise has no illustration.</summary>
    public static string? Svg(string? slug, string name) => Svg(slug, name, overlaid: false);

    /// <summary>The two frames on top of each other, for a stylesheet to show in turn, or null.</summary>
    public static string? AnimatedSvg(string? slug, string name) => Svg(slug, name, overlaid: true);

    /// <summary>What the starting position implies must touch (checked on the first frame; the second frame too,
    /// unless the illustration says otherwise).</summary>
    public static Contacts ContactsFor(StartingPosition position) => position switch
    {
        StartingPosition.Standing => Contacts.BothFeetDown,
        StartingPosition.Sitting => Contacts.PelvisOnSeat | Contacts.BothFeetDown,
        StartingPosition.LyingOnBack => Contacts.BackOnSupport,
        StartingPosition.LyingFaceDown => Contacts.FrontOnFloor,
        StartingPosition.SideLying => Contacts.SideOnFloor,
        StartingPosition.AllFours => Contacts.BothHandsDown | Contacts.BothKneesDown,
        StartingPosition.Kneeling => Contacts.OneKneeDown,
        _ => Contacts.None,
    };

    /// <summary>Every physical check of one exercise's illustration, by name, with what is wrong.</summary>
    public static IEnumerable<(string Check, string Problem)> Problems(string slug, StartingPosition position)
    {
        var ill = For(slug);
        if (ill is null)
        {
            yield return ("illustration", "there is no illustration");
            yield break;
        }

        foreach (var x in PhysicalChecks.SegmentLengths(ill))
            yield return ("segment lengths", x);
        foreach (var x in PhysicalChecks.AboveFloor(ill))
            yield return ("above the floor", x);
        foreach (var x in PhysicalChecks.ContactsHold(ill, ContactsFor(position)))
            yield return ("contacts", x);
        foreach (var x in PhysicalChecks.JointRanges(ill))
            yield return ("joint ranges", x);
        foreach (var x in PhysicalChecks.InsideFrame(ill))
            yield return ("inside the frame", x);
    }

    /// <summary>The illustration of the built-in exercise with this slug and this name, or null: a clinic's own
    /// exercise (or a snapshot of one) never borrows a built-in pose.</summary>
    public static Illustration? ForExercise(string? slug, string name) =>
        For(slug) is { } ill && BuiltInNames.TryGetValue(slug!, out var builtIn) && builtIn == name ? ill : null;

    private static string? Svg(string? slug, string name, bool overlaid)
    {
        var ill = ForExercise(slug, name);
        if (ill is null)
            return null;
        return SvgCache.GetOrAdd((slug!, name, overlaid), key =>
        {
            var (start, end) = FigureRenderer.Render(ill);
            var label = ill.AltText(key.Name);
            return key.Overlaid ? SvgWriter.Overlaid(start, end, label, "pose-anim") : SvgWriter.Pair(start, end, label);
        });
    }

    private static Dictionary<string, Func<Illustration>> Build()
    {
        var d = new Dictionary<string, Func<Illustration>>(StringComparer.Ordinal);

        // ── Upper back ──
        var stand = Standing(0.7);
        d["upper-back-stretch"] = () => Upright(
            View.Side,
            stand.FromShoulders(0.13, -0.1, 80),
            (stand with { Thorax = new(Flexion: 22), Neck = new(Flexion: 15), ShoulderReach = 0.035 }).FromShoulders(0.33, -0.02, 10),
            "standing tall with the fingers linked in front of the chest",
            "arms reaching forward, palms away, the upper back rounded",
            [new MoveArrow(Landmark.LeftHand, Bend: 0.15, Dy: 0.1)]);
        d["shoulder-rolls"] = () => Upright(
            View.Side,
            stand with { Shrug = 0.035, ShoulderReach = 0.03, LeftArm = new(Flexion: 4), RightArm = new(Flexion: 4) },
            stand with { Shrug = -0.005, ShoulderReach = -0.03, LeftArm = new(Flexion: -6), RightArm = new(Flexion: -6) },
            "standing, the shoulders lifted toward the ears and forward",
            "the shoulders drawn back and down, completing the circle",
            [new TurnArrow(Landmark.LeftShoulder, 0.09, 120, -300)]);
        d["chest-opener"] = () => Upright(
            View.Side,
            stand.FromShoulders(-0.08, -0.3, -100),
            (stand with { Thorax = new(Flexion: -8), ShoulderReach = -0.03, Neck = new(Flexion: -5) }).FromShoulders(-0.18, -0.26, -140),
            "standing with the hands linked behind the back",
            "shoulders back, chest lifted, the joined hands raised a little away from the back",
            [new MoveArrow(Landmark.LeftHand, Bend: -0.2, Dx: -0.06)]);
        var sitFront = SittingFront();
        d["seated-twist"] = () => Twist(sitFront, "sitting tall near the front of a chair, hands on the thighs");

        // ── Lower back ──
        var fours = AllFours();
        d["cat-camel-stretch"] = () => Floor(
            View.Side,
            AllFours(pitch: 60, lumbar: new(Flexion: 24), thorax: new(Flexion: 22)) with { Neck = new(Flexion: 30), HeadFlexion = 10 },
            AllFours(pitch: 92, lumbar: new(Flexion: -16), thorax: new(Flexion: -8)) with { Neck = new(Flexion: -32) },
            "on hands and knees with the back rounded up and the chin dropped",
            "the back gently sinking toward the floor and the head raised to look ahead",
            [new PointArrow(Landmark.Waist, -90, 0.12, Dy: 0.16)],
            props: [Mat()]);
        var back = LyingOnBack(1.0);
        var hook = back.Step(Side.Left, 1.28, Body.AnkleHeight, 0).Step(Side.Right, 1.28, Body.AnkleHeight, 0).Grounded();
        d["knee-to-chest-stretch"] = () => Floor(
            View.Side,
            back,
            HoldThigh(back.WithLeg(Side.Left, new(Flexion: 115, Knee: 125, Ankle: -20))),
            "lying on the back with both legs straight",
            "one knee drawn toward the chest with both hands behind the thigh, the other leg resting",
            [new MoveArrow(Landmark.LeftKnee, Bend: -0.25, Dy: 0.06)],
            props: [Mat()]);
        d["pelvic-tilts"] = () => Floor(
            View.Side,
            hook,
            Tilted(hook),
            "lying on the back, knees bent and feet flat",
            "the hips tipped so the small of the back presses into the floor",
            [new TurnArrow(Landmark.Hips, 0.12, 150, -80, Dy: 0.02)],
            props: [Mat()]);
        d["bridge-pose"] = () => Bridge(hook, bump: false);

        // ── Core ──
        var prone = LyingFaceDown(0.63);
        d["plank"] = () => Floor(
            View.Side,
            PalmsBesideShoulders((prone with { LeftLeg = new(Flexion: -6, Ankle: 5), RightLeg = new(Flexion: -6, Ankle: 5) }).Grounded()),
            Plank(),
            "lying face down, palms under the shoulders and toes curled under",
            "pushed up onto the hands and toes, the body in one straight line from head to heels",
            [new PointArrow(Landmark.Chest, 90, 0.16, Dx: 0.16, Dy: 0.02)],
            props: [Mat()],
            endContacts: Contacts.BothHandsDown);
        var flat = AllFours(pitch: 80);
        d["bird-dog"] = () => Floor(
            View.Side,
            flat,
            flat.WithArm(Side.Right, new(Flexion: 170, Elbow: 0)).WithLeg(Side.Left, new(Flexion: -8, Knee: 0, Ankle: -30)),
            "on hands and knees with a flat back",
            "one arm reaching straight ahead and the opposite leg straight back, the back still flat",
            [new MoveArrow(Landmark.LeftAnkle, Bend: 0.2, Dy: 0.05)],
            props: [Mat()],
            endContacts: Contacts.None);
        var proneArms = prone with { LeftArm = new(Flexion: 175), RightArm = new(Flexion: 175) };
        d["superman"] = () => Floor(
            View.Side,
            proneArms.Grounded(),
            (proneArms with
            {
                Lumbar = new(Flexion: -7), Thorax = new(Flexion: -8), Neck = new(Flexion: 0),
                LeftArm = new(Flexion: 168), RightArm = new(Flexion: 168),
                LeftLeg = new(Flexion: -9, Ankle: -45), RightLeg = new(Flexion: -9, Ankle: -45),
            }).Grounded(),
            "lying face down, legs straight and arms stretched out past the head",
            "arms, chest and legs lifted a little off the floor, eyes on the floor",
            [new MoveArrow(Landmark.LeftWrist, Bend: 0, Dx: -0.12, Dy: 0.1, Scale: 2.5), new MoveArrow(Landmark.LeftAnkle, Bend: 0, Dx: 0.12, Dy: 0.1, Scale: 2.5)],
            props: [Mat()],
            endContacts: Contacts.FrontOnFloor);
        var bug = (back with { LeftArm = new(Flexion: 90), RightArm = new(Flexion: 90) })
            .WithLegs(new(Flexion: 90, Knee: 90, Ankle: -20)).Grounded();
        d["dead-bug"] = () => Floor(
            View.Side,
            bug,
            (bug with { RightArm = new(Flexion: 165) }).WithLeg(Side.Left, new(Flexion: 25, Knee: 5, Ankle: -20)),
            "lying on the back, arms reaching up, hips and knees bent at right angles",
            "one arm lowered back past the head and the opposite leg straightened toward the floor",
            [new MoveArrow(Landmark.LeftAnkle, Bend: -0.2, Dy: 0.05)],
            props: [Mat()]);

        // ── Flexibility ──
        d["childs-pose"] = () => ChildsPose();
        d["pigeon-pose"] = () => Pigeon(fours);
        d["forward-fold"] = () => Upright(
            View.Side,
            stand,
            Fold(stand),
            "standing up straight, knees soft",
            "bent forward from the hips, hands hanging toward the toes, head and arms heavy",
            [new MoveArrow(Landmark.Head, Bend: -0.25, Dx: 0.08)]);
        d["standing-hamstring-stretch"] = () => Upright(
            View.Side,
            stand,
            HamstringFloor(),
            "standing up straight",
            "one heel ahead on the floor with the toes up, back knee bent, leaning forward from the hips with a straight back",
            [new MoveArrow(Landmark.Head, Bend: -0.25, Dy: 0.1, Scale: 0.8)]);

        // ── Posture ──
        d["wall-angels"] = () => WallAngels();
        d["scapular-squeeze"] = () => Upright(
            View.Side,
            stand with { ShoulderReach = 0.02, Thorax = new(Flexion: 6) },
            stand with { ShoulderReach = -0.035, Shrug = -0.008, LeftArm = new(Flexion: -10, Elbow: 10), RightArm = new(Flexion: -10, Elbow: 10) },
            "standing with the arms hanging loosely",
            "shoulder blades squeezed back and slightly down, without shrugging",
            [new PointArrow(Landmark.LeftShoulder, 180, 0.12, Dx: -0.15, Dy: -0.03)]);
        d["upper-back-extension"] = () => Floor(
            View.Side,
            proneArms.Grounded(),
            (proneArms with { Thorax = new(Flexion: -20), Lumbar = new(Flexion: -5), LeftArm = new(Flexion: 165), RightArm = new(Flexion: 165), ShoulderReach = -0.02 }).Grounded(),
            "lying face down with the arms stretched out past the head",
            "chest and arms lifted a little, hips and legs resting on the floor",
            [new PointArrow(Landmark.Chest, 90, 0.12, Dy: 0.16)],
            props: [Mat()]);
        var sit = Sitting(0.72);
        d["neck-retraction"] = () => Upright(
            View.Side,
            sit with { ChinTuck = -0.025 },
            sit with { ChinTuck = 0.03 },
            "sitting tall, looking straight ahead",
            "the chin slid straight back, the head level",
            [new MoveArrow(Landmark.Nose, Bend: 0, Dy: 0.1, Scale: 2.5)],
            props: [Chair(0.72)]);

        // ── Hips ──
        d["hip-flexor-stretch"] = () => HipFlexor();
        d["piriformis-stretch"] = () => Piriformis(hook);
        d["seated-figure-four-stretch"] = () => FigureFourSeated(sitFront);
        d["lunges"] = () => Upright(
            View.Side,
            stand,
            Lunge(),
            "standing up straight",
            "a long step forward with both knees bent, the front knee above the ankle",
            [new MoveArrow(Landmark.Hips, Bend: 0, Dx: -0.0, Dy: 0.0, Scale: 1)],
            endContacts: Contacts.OneFootDown);

        // ── At work ──
        // The article describes the same movement as the upper-back group's Seated Twist (right hand outside the left
        // thigh, turn left, look over the left shoulder), only done at a desk; the two keep their own names and
        // routines, and are drawn alike on purpose (a test holds them to the same frames).
        d["seated-spinal-twist"] = () => Twist(sitFront, "sitting tall in a desk chair, feet flat");
        var camelSit = Sitting(0.72);
        d["chair-cat-camel-stretch"] = () => Upright(
            View.Side,
            HandsOnThighs(camelSit with { Lumbar = new(Flexion: 15), Thorax = new(Flexion: 25), Neck = new(Flexion: 35) }),
            // Arched by tipping the pelvis forward: the chest lifts forward, not back against the chair, eyes ahead.
            HandsOnThighs((camelSit with { Pitch = 14, Lumbar = new(Flexion: -14), Thorax = new(Flexion: -6), Neck = new(Flexion: 4) }).FeetFlat(0.91)),
            "sitting with the back rounded and the chin dropped, hands on the thighs",
            "the lower back arched, the chest lifted, looking forward",
            [new PointArrow(Landmark.Chest, 60, 0.12, Dx: 0.15, Dy: 0.03)],
            props: [Chair(0.72)]);
        d["desk-shoulder-stretch"] = () => DeskShoulder();
        d["standing-hamstring-stretch-desk"] = () => HamstringChair();

        // ── Pregnancy ──
        d["pregnancy-cat-camel-stretch"] = () => Floor(
            View.Side,
            AllFours(pitch: 64, lumbar: new(Flexion: 20), thorax: new(Flexion: 18)) with { Neck = new(Flexion: 30), Bump = true },
            AllFours(lumbar: new(Flexion: 0), thorax: new(Flexion: 0)) with { Neck = new(Flexion: -25), Bump = true },
            "on hands and knees with the back rounded up and the head down",
            "the back lowered only to flat and the head lifted to look ahead",
            [new PointArrow(Landmark.Waist, -90, 0.12, Dy: 0.16)],
            props: [Mat()]);
        d["prenatal-pelvic-tilts"] = () => Floor(
            View.Side,
            AllFours(pitch: 80) with { Bump = true },
            AllFours(pitch: 70, lumbar: new(Flexion: 14), thorax: new(Flexion: 0)) with { Bump = true },
            "on hands and knees with a flat back",
            "the tailbone tucked under so the lower back rounds up gently",
            [new TurnArrow(Landmark.Hips, 0.1, 160, -90, Dy: 0.03)],
            props: [Mat()]);
        d["pregnancy-bridge-pose"] = () => Bridge(hook with { Bump = true }, bump: true);
        d["side-lying-leg-lifts"] = () => SideLyingLegLift();

        // ── Sciatica ──
        d["sciatic-nerve-glide"] = () => NerveGlide();
        d["knee-to-shoulder-stretch"] = () => KneeToShoulder(back);
        d["standing-piriformis-stretch"] = () => StandingPiriformis();
        d["prone-press-ups"] = () => PressUps(prone);

        // ── Scoliosis ──
        d["seated-side-bend"] = () => SideBend(sitFront);
        d["foam-rolling"] = () => FoamRolling();
        d["side-plank"] = () => SidePlank();
        return d;
    }

    /// <summary>A floor exercise: a wide, low frame.</summary>
    private static Illustration Floor(View view, Pose start, Pose end, string startCaption, string endCaption, Arrow[] arrows,
        Prop[]? props = null, Contacts? endContacts = null, double height = LowHeight) =>
        Upright(view, start, end, startCaption, endCaption, arrows, props, endContacts, height) with { FrameWidth = LowWidth };

    /// <summary>A standing, sitting or kneeling exercise: the standard frame (or <paramref name="height"/> tall).</summary>
    private static Illustration Upright(View view, Pose start, Pose end, string startCaption, string endCaption, Arrow[] arrows,
        Prop[]? props = null, Contacts? endContacts = null, double height = 1.3) => new()
        {
            View = view,
            FrameHeight = height,
            Start = start,
            End = end,
            StartCaption = startCaption,
            EndCaption = endCaption,
            Arrows = arrows,
            Props = props ?? [],
            EndContacts = endContacts,
        };

    private static Prop Mat() => new(PropKind.Mat, 0.05, Width: LowWidth - 0.1);

    private static Prop Chair(double front) => new(PropKind.Chair, front);

    /// <summary>Sitting on a chair seen from the front: thighs toward the viewer, shins down, feet flat.</summary>
    private static Pose SittingFront() =>
        new Pose
        {
            Hips = new Vec3(0, Prop.SeatHeight + 0.068, 0),
            LeftLeg = new(Flexion: 90, Abduction: 6, Knee: 90),
            RightLeg = new(Flexion: 90, Abduction: 6, Knee: 90),
            LeftArm = new(Flexion: 30, Abduction: 8, Elbow: 55),
            RightArm = new(Flexion: 30, Abduction: 8, Elbow: 55),
        }.Sat();

    /// <summary>Moves a seated figure so its feet rest on the floor, keeping the pelvis on the seat when they can.</summary>
    private static Pose Sat(this Pose pose)
    {
        var b = Skeleton.Of(pose);
        var feet = Math.Min(b[Landmark.LeftHeel].Y, b[Landmark.RightHeel].Y) - Body.FootWidth / 2;
        // Lower legs a little: adjust the knee so the soles reach the floor.
        var knee = pose.LeftLeg.Knee;
        var drop = feet;
        if (Math.Abs(drop) < 1e-4)
            return pose;
        // Tilt the thighs down to reach the floor (small angles).
        var tilt = Math.Asin(Math.Clamp(drop / Body.Thigh, -1, 1)) * 180 / Math.PI;
        return pose with
        {
            LeftLeg = pose.LeftLeg with { Flexion = pose.LeftLeg.Flexion - tilt, Knee = knee - tilt, Ankle = pose.LeftLeg.Ankle },
            RightLeg = pose.RightLeg with { Flexion = pose.RightLeg.Flexion - tilt, Knee = knee - tilt },
        };
    }

    private static Illustration Twist(Pose sitFront, string startCaption)
    {
        var turned = sitFront with { Lumbar = new(Rotation: 10), Thorax = new(Rotation: 32), Neck = new(Rotation: 45) };
        var b = Skeleton.Of(turned);
        var outside = b[Landmark.LeftKnee] + new Vec3(-0.08, 0.05, 0.07);
        var seat = b[Landmark.Hips] + new Vec3(-0.12, -0.02, 0.2);
        turned = turned with { RightArm = new(Flexion: 40, Abduction: -20, Elbow: 30), LeftArm = new(Flexion: -20, Abduction: 25, Elbow: 10) };
        turned = turned.PlaceWrist(Side.Right, outside).PlaceWrist(Side.Left, seat);
        return Upright(
            View.Front,
            sitFront,
            turned,
            startCaption,
            "the upper body turned, looking back over the shoulder, a hand on the outside of the opposite thigh",
            [new MoveArrow(Landmark.Nose, Bend: 0.3, Dy: 0.12, Scale: 2.5)],
            props: [new Prop(PropKind.Chair, 0.75)]);
    }

    private static Pose Tilted(Pose hook)
    {
        var tilted = hook with { Pitch = hook.Pitch - 8, Lumbar = new(Flexion: 8) };
        return tilted.Step(Side.Left, 1.28, Body.AnkleHeight, 0).Step(Side.Right, 1.28, Body.AnkleHeight, 0).Grounded();
    }

    private static Illustration Bridge(Pose hook, bool bump)
    {
        // Feet stay where they were; the pelvis tips until the thighs line up with the trunk (hips neither bent nor
        // arched), the shoulders resting on the floor.
        var feetX = Skeleton.Of(hook)[Landmark.LeftAnkle].X;
        Pose Lift(double pitch)
        {
            var p = (hook with { Pitch = pitch, LeftLeg = new(Ankle: -20), RightLeg = new(Ankle: -20), LeftArm = default, RightArm = default }).Grounded();
            return ArmsOnFloor(p.Step(Side.Left, feetX, Body.AnkleHeight, 0).Step(Side.Right, feetX, Body.AnkleHeight, 0));
        }

        var lifted = Lift(-100);
        var target = bump ? 18 : 3;
        for (var pitch = -100.0; pitch >= -150; pitch -= 1)
        {
            lifted = Lift(pitch);
            if (lifted.LeftLeg.Flexion <= target)
                break;
        }

        return Floor(
            View.Side,
            ArmsOnFloor(hook),
            lifted,
            "lying on the back, knees bent, feet flat, arms by the sides",
            bump ? "the hips gently lifted, shoulders resting on the floor" : "the hips lifted until shoulders, hips and knees are in one straight line",
            [new MoveArrow(Landmark.Hips, Bend: 0, Dy: -0.0, Dx: 0.0, Scale: 1.4)],
            props: [Mat()],
            endContacts: Contacts.BothFeetDown);
    }

    private static Pose ArmsOnFloor(Pose pose)
    {
        // Straight arms along the floor toward the feet: the wrist where the arm's length meets the floor.
        var b = Skeleton.Of(pose);
        var result = pose;
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var s = b[side == Side.Left ? Landmark.LeftShoulder : Landmark.RightShoulder];
            var y = Body.ForearmWidth / 2;
            var reach = Body.UpperArm + Body.Forearm - 0.002;
            var dx = Math.Sqrt(Math.Max(0, reach * reach - (s.Y - y) * (s.Y - y)));
            result = result.Reach(side, s.X + dx, y, 0);
        }

        return result;
    }

    /// <summary>Both hands behind the thigh of <paramref name="side"/>, near the knee.</summary>
    private static Pose HoldThigh(Pose pose, Side side = Side.Left)
    {
        var b = Skeleton.Of(pose);
        var hip = b[side == Side.Left ? Landmark.LeftHip : Landmark.RightHip];
        var knee = b[side == Side.Left ? Landmark.LeftKnee : Landmark.RightKnee];
        var grip = hip + (knee - hip) * 0.8 + new Vec3(0, -Body.ThighWidth / 2 - 0.01, 0);
        return pose.Reach(Side.Left, grip.X, grip.Y).Reach(Side.Right, grip.X, grip.Y);
    }

    /// <summary>Seen from above: a side view cannot show a knee going across the body, which is what sets this
    /// stretch apart from the knee-to-chest one.</summary>
    private static Illustration KneeToShoulder(Pose back)
    {
        var start = back with { LeftArm = new(Abduction: 12), RightArm = new(Abduction: 12) };
        // The knee over the opposite side of the chest, the shin across the belly, the foot by the opposite hip.
        var hips = start.Hips;
        var across = start.WithLeg(Side.Left, new(Flexion: 105, Abduction: -25, Knee: 100, Ankle: -20))
            .PlaceLeg(Side.Left, b => (b[Landmark.LeftKnee] - new Vec3(hips.X - 0.2, 0.22, -0.08)).Length
                + 0.5 * Math.Abs(b[Landmark.LeftAnkle].Z + 0.1) + 0.5 * Math.Abs(b[Landmark.LeftAnkle].X - hips.X - 0.1));
        var knee = Skeleton.Of(across)[Landmark.LeftKnee];
        across = across.PlaceWrist(Side.Right, knee + new Vec3(0.03, 0.02, -0.05)).PlaceWrist(Side.Left, knee + new Vec3(0.03, 0.02, 0.05));
        return Floor(
            View.Above,
            start,
            across,
            "seen from above: lying on the back with both legs straight",
            "one knee bent, held with both hands and pulled up and across the body toward the opposite shoulder",
            [new MoveArrow(Landmark.LeftKnee, Bend: 0.3, Dx: 0.06, Dy: -0.12, Scale: 0.8)],
            props: [Mat()]);
    }

    /// <summary>Both hands around the left knee.</summary>
    private static Pose HoldKnee(Pose pose)
    {
        var knee = Skeleton.Of(pose)[Landmark.LeftKnee];
        return pose.Reach(Side.Left, knee.X - 0.01, knee.Y + 0.02).Reach(Side.Right, knee.X - 0.03, knee.Y);
    }

    /// <summary>Lying face down with the palms flat beside the shoulders, elbows bent up.</summary>
    private static Pose PalmsBesideShoulders(Pose prone, double forward = -0.05)
    {
        // The hands flat on the floor beside the chest and a little wide, the elbows bent and pointing up.
        var b = Skeleton.Of(prone);
        var result = prone;
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var s = b[side == Side.Left ? Landmark.LeftShoulder : Landmark.RightShoulder];
            result = result.PlaceWrist(side, new Vec3(s.X + forward, Body.ForearmWidth / 2, s.Z * 1.7));
            result = result.HandPointing(side, 0);
        }

        return result;
    }

    private static Pose Plank()
    {
        var plank = new Pose { Hips = new Vec3(0.6, 0.3, 0), Pitch = 72, LeftLeg = new(Ankle: 15), RightLeg = new(Ankle: 15) }.Grounded();
        return HandsDown(plank, 0.005);
    }

    private static Illustration PressUps(Pose prone)
    {
        var start = PalmsBesideShoulders(prone, forward: 0.03);
        return Floor(
            View.Side,
            start,
            PressUp(start),
            "lying face down, palms on the floor beside the shoulders",
            "arms straightened to raise the chest while the hips stay on the floor",
            [new MoveArrow(Landmark.Head, Bend: 0.1, Dx: 0.1)],
            props: [Mat()]);
    }

    private static Pose PressUp(Pose start)
    {
        // The hands stay where they were; the back extends (the lumbar spine most) and the pelvis tips forward a
        // little about the front of the hips, which stay on the floor, until the elbows are nearly straight.
        var hands = Skeleton.Of(start);
        var hipFront = BodyGeometry.Lowest(Skeleton.Of(start));
        Pose Raised(double t)
        {
            var up = start with
            {
                Pitch = start.Pitch - 24 * t,
                Lumbar = new(Flexion: -26 * t),
                Thorax = new(Flexion: -19 * t),
                Neck = new(Flexion: -12 * t),
                LeftLeg = start.LeftLeg with { Flexion = start.LeftLeg.Flexion - 24 * t },
                RightLeg = start.RightLeg with { Flexion = start.RightLeg.Flexion - 24 * t },
            };
            return up.Grounded();
        }

        var raised = Raised(1);
        for (var t = 0.0; t <= 1.0; t += 0.02)
        {
            raised = Raised(t);
            var shoulder = Skeleton.Of(raised)[Landmark.LeftShoulder];
            if ((shoulder - hands[Landmark.LeftWrist]).Length >= Body.UpperArm + Body.Forearm - 0.012)
                break;
        }

        _ = hipFront;
        return raised.PlaceWrist(Side.Left, hands[Landmark.LeftWrist]).PlaceWrist(Side.Right, hands[Landmark.RightWrist])
            .HandPointing(Side.Left, 12).HandPointing(Side.Right, 12);
    }

    private static Illustration ChildsPose()
    {
        // Kneeling sitting on the heels: the knee fully bent (155°, loaded passive flexion, see PhysicalChecks), the
        // thigh resting on the calf. Folded: the hips stay on the heels, the trunk rounds forward over the thighs.
        var kneel = Kneel(new Pose { Hips = new Vec3(0.5, 0.3, 0) }.WithLegs(new(Flexion: 62, Knee: 155)));
        kneel = HandsOnThighs(kneel);
        var folded = Kneel(new Pose { Hips = kneel.Hips, Pitch = 58, Lumbar = new(Flexion: 24), Thorax = new(Flexion: 22), Neck = new(Flexion: 24) }
            .WithLegs(new(Flexion: 62 + 58, Knee: 155)));
        // The arms stretched out ahead along the floor.
        folded = HandsDown(folded, 0.004);
        return Floor(
            View.Side,
            kneel,
            folded,
            "kneeling, sitting back toward the heels",
            "folded forward with the arms stretched along the floor and the head resting down",
            [new MoveArrow(Landmark.Head, Bend: 0.25, Dx: 0.08, Dy: 0.08, Scale: 0.7)],
            props: [Mat()]);
    }

    private static Illustration Pigeon(Pose fours)
    {
        // The near (left) knee forward on the floor, its shin across under the body toward the other hip; the far
        // leg straight back, the hips low and level, resting on the hands.
        var pigeon = new Pose
        {
            Hips = new Vec3(0.66, 0.22, 0),
            Pitch = 64,
            Lumbar = new(Flexion: -5),
            Neck = new(Flexion: -10),
            LeftLeg = new(Flexion: 110, Abduction: 20, Rotation: 40, Knee: 110, Ankle: -30),
            RightLeg = new(Flexion: 20, Knee: 30),
        };
        var hips = pigeon.Hips;
        static double Sunk(Skeleton b, string side) =>
            BodyGeometry.Capsules(b).Where(c => c.Name.StartsWith(side, StringComparison.Ordinal)).Sum(c => Math.Max(0, -c.Bottom)) * 5;
        // The back leg: thigh and shin along the floor behind.
        pigeon = pigeon.PlaceLeg(Side.Right, b => Math.Abs(b[Landmark.RightKnee].Y - Body.ThighWidth / 2) + Math.Abs(b[Landmark.RightAnkle].Y - Body.ShankWidth / 2)
            + Math.Abs(b[Landmark.RightAnkle].X - (hips.X - 0.42)) + Sunk(b, "right"));
        pigeon = pigeon.RestFoot(Side.Right);
        // The front leg: knee on the floor ahead, ankle on the floor under the other hip.
        pigeon = pigeon.PlaceLeg(Side.Left, b => Math.Abs(b[Landmark.LeftKnee].Y - Body.ThighWidth / 2)
            + (b[Landmark.LeftAnkle] - new Vec3(hips.X - 0.04, Body.ShankWidth / 2 + 0.01, -0.1)).Length + Sunk(b, "left"));
        pigeon = HandsDown(pigeon, 0.02);
        // The hips held a little up (as a beginner does, or on a cushion), so the folded front shin shows on the floor
        // under the sloping thigh instead of hiding behind it.
        return Floor(
            View.Side,
            fours,
            pigeon,
            "on hands and knees",
            "one knee forward on the floor with the shin angled across, the other leg stretched straight back, hips level",
            [new MoveArrow(Landmark.RightAnkle, Bend: 0, Dy: 0.08)],
            props: [Mat()],
            endContacts: Contacts.OneKneeDown | Contacts.BothHandsDown);
    }

    /// <summary>Both palms on the floor ahead of the shoulders, the arms straight but for <paramref name="slack"/>.</summary>
    private static Pose HandsDown(Pose pose, double slack)
    {
        var b = Skeleton.Of(pose);
        var result = pose;
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var s = b[side == Side.Left ? Landmark.LeftShoulder : Landmark.RightShoulder];
            var y = Body.ForearmWidth / 2;
            var reach = Body.UpperArm + Body.Forearm - slack;
            var dx = Math.Sqrt(Math.Max(0, reach * reach - (s.Y - y) * (s.Y - y)));
            result = result.Reach(side, s.X + dx, y, 0);
        }

        return result;
    }

    private static Pose Fold(Pose stand)
    {
        var fold = stand with { Hips = stand.Hips with { X = stand.Hips.X - 0.12 }, Pitch = 76, Lumbar = new(Flexion: 16), Thorax = new(Flexion: 14), Neck = new(Flexion: 30) };
        fold = fold.FeetFlat(stand.Hips.X - 0.02).Grounded();
        var b = Skeleton.Of(fold);
        var ankle = b[Landmark.LeftAnkle];
        return fold.Reach(Side.Left, ankle.X + 0.08, ankle.Y + 0.1, -80).Reach(Side.Right, ankle.X + 0.08, ankle.Y + 0.1, -80);
    }

    private static Pose HamstringFloor()
    {
        // The front heel on the floor with the toes up (the ankle as high as that foot angle puts it), the back
        // foot flat with the knee bent, hinged forward from the hips.
        // A long, straight back: the hinge is at the hips only, the neck in line with it.
        var p = new Pose { Hips = new Vec3(0.6, 0.44, 0), Pitch = 48, Neck = new(Flexion: -6), Lumbar = new(Flexion: -4) };
        p = p.Step(Side.Left, 0.9, 0.052, 40).Step(Side.Right, 0.73, Body.AnkleHeight, 0);
        var b = Skeleton.Of(p);
        var thigh = b[Landmark.LeftHip] + (b[Landmark.LeftKnee] - b[Landmark.LeftHip]) * 0.85;
        return p.Reach(Side.Left, thigh.X, thigh.Y + 0.05, -60).Reach(Side.Right, thigh.X - 0.02, thigh.Y + 0.05, -60);
    }

    private static Illustration WallAngels()
    {
        var goal = new ArmAngles(Abduction: 85, Rotation: 90, Elbow: 90);
        var up = new ArmAngles(Abduction: 150, Rotation: 90, Elbow: 35);
        var stand = new Pose { Hips = new Vec3(0, Body.HipHeight, 0), LeftLeg = new(Abduction: 4), RightLeg = new(Abduction: 4) }.Grounded();
        return Upright(
            View.Front,
            stand.WithArms(goal),
            stand.WithArms(up),
            "back against a wall, arms raised like a goalpost with the backs of the hands on the wall",
            "arms slid up the wall, hands and elbows staying in contact",
            [new MoveArrow(Landmark.LeftHand, Bend: 0, Dx: 0.12)],
            props: [new Prop(PropKind.Wall, 0)]);
    }

    private static Illustration HipFlexor()
    {
        // Half kneeling: the near (left) knee down on a cushion, its shin flat behind; the far foot planted ahead.
        const double kneeX = 0.62;
        Pose Half(double thighBack, double tuck)
        {
            var kneeY = Prop.PillowHeight + Body.ThighWidth / 2;
            var (s, c) = Math.SinCos(thighBack * Math.PI / 180);
            var p = new Pose
            {
                Hips = new Vec3(kneeX + Body.Thigh * s, kneeY + Body.Thigh * c, 0),
                Pitch = -tuck,
                LeftArm = new(Flexion: -25, Abduction: 15, Elbow: 85),
                RightArm = new(Flexion: -25, Abduction: 15, Elbow: 85),
                LeftLeg = new(Flexion: -thighBack + tuck, Knee: 90 - thighBack),
            };
            p = p.RestFoot(Side.Left);
            return p.Step(Side.Right, p.Hips.X + 0.3, Body.AnkleHeight, 0);
        }

        return Upright(
            View.Side,
            Half(2, 0),
            Half(20, 8),
            "kneeling on one knee on a cushion, the other foot planted ahead, hands on the hips",
            "tailbone tucked and the body shifted forward to stretch the front of the kneeling hip",
            [new MoveArrow(Landmark.Hips, Bend: 0, Dy: -0.02, Scale: 2)],
            props: [new Prop(PropKind.Pillow, kneeX - 0.02, Width: 0.22)]);
    }

    private static Illustration Piriformis(Pose hook)
    {
        // The near (left) ankle rests across the far (right) thigh just below the knee, the near knee turned out
        // toward the viewer: the "4" reads in front of the body. Then the far thigh is drawn in.
        static Pose Cross(Pose p)
        {
            var b = Skeleton.Of(p);
            var knee = b[Landmark.RightKnee];
            var thigh = b.Frame(Side.Right, "thigh");
            var rest = knee + thigh.XAxis * (Body.ThighWidth / 2 + Body.ShankWidth / 2) + thigh.YAxis * 0.04;
            // The ankle on the far knee, the near knee dropped out toward the viewer as far as the hip turns.
            return p.WithLeg(Side.Left, new(Flexion: 60, Abduction: 40, Rotation: 40, Knee: 90, Ankle: 5))
                .PlaceLeg(Side.Left, b => 10 * (b[Landmark.LeftAnkle] - rest).Length + 0.1 * b[Landmark.LeftKnee].Y);
        }

        var start = Cross(hook);
        var end = HoldThigh(Cross(hook.WithLeg(Side.Right, new(Flexion: 100, Knee: 95, Ankle: 0))), Side.Right);
        return Floor(
            View.Side,
            start,
            end,
            "lying on the back, knees bent, one ankle resting across the other knee",
            "both hands behind the supporting thigh drawing it toward the chest",
            [new MoveArrow(Landmark.RightKnee, Bend: -0.2, Dy: 0.1)],
            props: [Mat()],
            endContacts: Contacts.BackOnSupport);
    }

    private static Illustration FigureFourSeated(Pose sitFront)
    {
        var b = Skeleton.Of(sitFront);
        var knee = b[Landmark.LeftKnee];
        var rest = knee + b.Frame(Side.Left, "thigh").XAxis * (Body.ThighWidth / 2 + Body.ShankWidth / 2) + new Vec3(0, 0, -0.02);
        var crossed = sitFront.WithLeg(Side.Right, new(Flexion: 80, Abduction: 30, Rotation: 40, Knee: 100, Ankle: 10)).PlaceAnkle(Side.Right, rest);
        var rightKnee = Skeleton.Of(crossed)[Landmark.RightKnee];
        crossed = crossed.PlaceWrist(Side.Right, rightKnee + new Vec3(0, Body.ThighWidth / 2 + 0.02, 0))
            .PlaceWrist(Side.Left, rest + new Vec3(0, 0.06, 0.02));
        return Upright(
            View.Front,
            sitFront,
            crossed,
            "sitting on a chair, feet flat",
            "one ankle resting on the other knee in the shape of a 4, a hand pressing gently down on the raised knee",
            [new PointArrow(Landmark.RightKnee, -90, 0.12, Dy: 0.2)],
            props: [new Prop(PropKind.Chair, 0.75)],
            endContacts: Contacts.PelvisOnSeat | Contacts.OneFootDown);
    }

    private static Pose Lunge()
    {
        // The front foot flat; the back knee close to the floor, the back heel up and the toes on the floor.
        var p = new Pose { Hips = new Vec3(0.7, 0.34, 0), LeftArm = new(Flexion: 10), RightArm = new(Flexion: -10) };
        p = p.Step(Side.Left, 0.98, Body.AnkleHeight, 0);
        p = p.WithLeg(Side.Right, new(Flexion: -20, Knee: 100, Ankle: 10));
        return p.PlaceLeg(Side.Right, b => Math.Abs(b[Landmark.RightToe].Y - Body.FootWidth / 2) + Math.Abs(b[Landmark.RightKnee].Y - 0.09));
    }

    private static Pose HandsOnThighs(Pose sit)
    {
        var b = Skeleton.Of(sit);
        var result = sit;
        foreach (var side in new[] { Side.Left, Side.Right })
        {
            var hip = b[side == Side.Left ? Landmark.LeftHip : Landmark.RightHip];
            var knee = b[side == Side.Left ? Landmark.LeftKnee : Landmark.RightKnee];
            var on = hip + (knee - hip) * 0.55 + new Vec3(0, Body.ThighWidth / 2 + 0.02, 0);
            result = result.Reach(side, on.X, on.Y, null);
        }

        return result;
    }

    private static Illustration DeskShoulder()
    {
        const double edge = 1.05;
        var start = Standing(0.72).Reach(Side.Left, edge + 0.02, Prop.DeskHeight + 0.03, 0).Reach(Side.Right, edge + 0.02, Prop.DeskHeight + 0.03, 0);
        var hinge = new Pose { Hips = new Vec3(0.45, 0.5, 0), Pitch = 85, Neck = new(Flexion: 15) };
        hinge = hinge.Step(Side.Left, 0.45, Body.AnkleHeight, 0).Step(Side.Right, 0.45, Body.AnkleHeight, 0).Grounded();
        hinge = hinge.Reach(Side.Left, edge + 0.02, Prop.DeskHeight + 0.03, 0).Reach(Side.Right, edge + 0.02, Prop.DeskHeight + 0.03, 0);
        return Upright(
            View.Side,
            start,
            hinge,
            "standing facing a desk, holding its edge with both hands",
            "feet walked back and bent forward from the hips, arms straight, back flat and the head between the arms",
            [new MoveArrow(Landmark.Hips, Bend: 0, Dy: 0.08)],
            props: [new Prop(PropKind.Desk, edge)]);
    }

    private static Illustration HamstringChair()
    {
        const double front = 1.0;
        var start = Standing(0.7);
        var end = new Pose { Hips = new Vec3(0.66, Body.HipHeight, 0), Pitch = 25 };
        end = end.Step(Side.Left, 1.08, Prop.SeatHeight + 0.06, 60).Step(Side.Right, 0.62, Body.AnkleHeight, 0);
        end = end.Grounded();
        var b = Skeleton.Of(end);
        var on = b[Landmark.LeftHip] + (b[Landmark.LeftKnee] - b[Landmark.LeftHip]) * 0.9 + new Vec3(0, 0.05, 0);
        end = end.Reach(Side.Left, on.X, on.Y, -30).Reach(Side.Right, on.X - 0.02, on.Y, -30);
        return Upright(
            View.Side,
            start,
            end,
            "standing facing a sturdy chair",
            "one heel resting on the seat with the leg straight, leaning forward from the hips with a straight back",
            [new MoveArrow(Landmark.LeftAnkle, Bend: 0.25, Dy: 0.06)],
            props: [new Prop(PropKind.Chair, front, Flipped: true)],
            endContacts: Contacts.OneFootDown);
    }

    private static Illustration SideLyingLegLift()
    {
        var lying = new Pose
        {
            Hips = new Vec3(0, 0.2, 0.1),
            Roll = -90,
            Bump = true,
            RightArm = new(Abduction: 165, Elbow: 100),
            LeftArm = new(Flexion: 20, Elbow: 30),
            Neck = new(SideBend: 0),
        }.Grounded();
        return Floor(
            View.Front,
            lying.WithLeg(Side.Left, new(Abduction: -10)),
            lying.WithLeg(Side.Left, new(Abduction: 30)),
            "lying on one side, legs straight and stacked, head resting on the lower arm, a pillow under the belly",
            "the top leg lifted slowly, kept straight and in line with the body",
            [new MoveArrow(Landmark.LeftAnkle, Bend: -0.2, Dy: 0.0)],
            props: [Mat(), new Prop(PropKind.Pillow, 0.85, Width: 0.18)]);
    }

    private static Illustration NerveGlide()
    {
        var sit = Sitting(0.72);
        var start = HandsOnThighs(sit with { Neck = new(Flexion: 25), HeadFlexion = 10 });
        start = start.Step(Side.Left, Skeleton.Of(start)[Landmark.LeftAnkle].X + 0.03, 0.081, -25);
        var hip = Skeleton.Of(sit)[Landmark.LeftKnee];
        var straight = sit.WithLeg(Side.Left, sit.LeftLeg with { Knee = 8, Ankle = 15 });
        var end = HandsOnThighs(straight with { Neck = new(Flexion: -30), HeadFlexion = -10 }).WithLeg(Side.Left, straight.LeftLeg);
        _ = hip;
        return Upright(
            View.Side,
            start,
            end,
            "sitting tall, the knee bent, toes pointed and the chin down",
            "the knee straightened with the toes pulled up while the head tips back to look up",
            [new MoveArrow(Landmark.LeftAnkle, Bend: 0.2, Dx: 0.05)],
            props: [Chair(0.72)],
            endContacts: Contacts.PelvisOnSeat | Contacts.OneFootDown);
    }

    private static Illustration StandingPiriformis()
    {
        // Seen from the side, so the crossed leg reads: the near (left) ankle rests on the far standing thigh just
        // above the knee, the near knee turned out toward the viewer; the far hand holds the back of a chair ahead.
        const double chairFront = 1.24;
        var backrest = chairFront - Prop.SeatDepth;
        var grip = (X: backrest - 0.03, Y: Prop.BackrestHeight - 0.01);
        const double Turn = -35;
        var start = (Standing(0.66) with { Yaw = Turn }).PlaceWrist(Side.Right, new Vec3(grip.X, grip.Y, -0.05));
        // A shallow squat (hips pushed back, trunk leaning 20°) keeps the standing knee high enough that the crossed
        // ankle can rest on it: hip flexed 115° and turned out 45° (the hip's range), knee 105°, which puts the ankle
        // on the standing knee (checked by a test) and shows the shin as a bar across the standing thigh.
        var squat = new Pose { Hips = new Vec3(0.5, 0.44, 0), Pitch = 20, Neck = new(Flexion: -12) };
        squat = squat.Step(Side.Right, 0.66, Body.AnkleHeight, 0);
        squat = squat.WithLeg(Side.Left, new(Flexion: 115, Abduction: 0, Rotation: 45, Knee: 105, Ankle: 5));
        var crossedKnee = Skeleton.Of(squat)[Landmark.LeftKnee];
        squat = squat.PlaceWrist(Side.Left, crossedKnee + new Vec3(0, Body.ThighWidth / 2 + 0.02, 0));
        // Turned a third of the way toward the viewer, so the crossed shin, which runs across the body, shows as a
        // bar over the standing thigh; the far hand finds the chair's back again.
        squat = (squat with { Yaw = Turn }).PlaceWrist(Side.Right, new Vec3(grip.X, grip.Y, -0.05));
        return Upright(
            View.Side,
            start,
            squat,
            "standing tall beside a chair, holding its back with one hand",
            "one ankle crossed above the other knee, the standing knee bent and the hips pushed back, a hand on the crossed knee",
            [new MoveArrow(Landmark.Hips, Bend: 0.2, Dx: -0.2, Dy: 0.15)],
            props: [new Prop(PropKind.Chair, chairFront)],
            endContacts: Contacts.OneFootDown);
    }

    private static Illustration SideBend(Pose sitFront)
    {
        var start = sitFront with { RightArm = new(Abduction: 165, Elbow: 10), LeftArm = new(Abduction: 10, Elbow: 0) };
        var end = sitFront with
        {
            Lumbar = new(SideBend: 12),
            Thorax = new(SideBend: 20),
            Neck = new(SideBend: 8),
            RightArm = new(Abduction: 165, Elbow: 15),
            LeftArm = new(Abduction: 8, Elbow: 0),
        };
        return Upright(
            View.Front,
            start,
            end,
            "sitting tall, one arm raised over the head",
            "leaning to the side, the lower hand sliding down the leg, both buttocks on the seat",
            [new MoveArrow(Landmark.RightHand, Bend: -0.2, Dy: 0.06)],
            props: [new Prop(PropKind.Chair, 0.75)]);
    }

    private static Illustration FoamRolling()
    {
        // The trunk section <section> rests on the roller's top (3: the middle of the back, 4: the shoulder blades).
        Pose On(double rollerX, int section)
        {
            var p = new Pose
            {
                Hips = new Vec3(0.9, 0.1, 0),
                Pitch = -78,
                Neck = new(Flexion: 25),
                LeftArm = new(Flexion: 150, Abduction: 20, Elbow: 140),
                RightArm = new(Flexion: 150, Abduction: 20, Elbow: 140),
            };
            var b = Skeleton.Of(p);
            var dx = rollerX - b.Sections[section].Center.X;
            var dy = 2 * Prop.RollerRadius - BodyGeometry.Bottom(b, section);
            p = p with { Hips = new Vec3(p.Hips.X + dx, p.Hips.Y + dy, 0) };
            return p.Step(Side.Left, p.Hips.X + 0.3, Body.AnkleHeight, 0).Step(Side.Right, p.Hips.X + 0.3, Body.AnkleHeight, 0);
        }

        return Floor(
            View.Side,
            On(0.6, 3),
            On(0.6, 4),
            "lying back with a foam roller across the middle of the back, knees bent, hands behind the head, hips lifted a little",
            "rolled slowly so the roller moves up to the shoulder blades",
            [new MoveArrow(Landmark.Hips, Bend: 0, Dy: 0.1, Scale: 2)],
            props: [new Prop(PropKind.FoamRoller, 0.6)]);
    }

    private static Illustration SidePlank()
    {
        // Seen from the front: lying on the right side, head to the picture's left, propped on the right forearm
        // (the forearm on the floor under the shoulder, pointing toward the viewer and a little toward the head).
        static Pose Propped(double roll, double legs)
        {
            var p = new Pose
            {
                Hips = new Vec3(0, 0.2, 0.12),
                Roll = roll,
                LeftArm = new(Abduction: 5),
                LeftLeg = new(Abduction: legs - 8),
                RightLeg = new(Abduction: -legs),
                RightArm = new(Flexion: 10, Abduction: 70, Elbow: 90),
            }.Grounded();
            var b = Skeleton.Of(p);
            var shoulder = b[Landmark.RightShoulder];
            var elbowY = Body.UpperArmWidth / 2;
            // Lift or lower the body so the elbow, straight under the shoulder, rests on the floor.
            p = p with { Hips = p.Hips with { Y = p.Hips.Y + (Body.UpperArm + elbowY - shoulder.Y) } };
            return p;
        }

        // The forearm flat on the floor from the elbow, pointing toward the viewer and a little toward the head.
        static Pose Forearm(Pose p)
        {
            // The upper arm straight down from the shoulder to the elbow on the floor; the forearm flat on the floor.
            var shoulder = Skeleton.Of(p)[Landmark.RightShoulder];
            var wrist = new Vec3(shoulder.X + Body.Forearm * 0.75, Body.ForearmWidth / 2, shoulder.Z - Body.Forearm * 0.62);
            p = p.PlaceArm(Side.Right, b => (b[Landmark.RightWrist] - wrist).Length
                + Math.Abs(b[Landmark.RightElbow].X - shoulder.X) + Math.Abs(b[Landmark.RightElbow].Z - shoulder.Z));
            return p.WithArm(Side.Right, p.RightArm with { Wrist = 15 });
        }

        // The roll at which the hip (start) or the feet (end) just touch the floor; the forearm is placed once, after.
        static Pose Solve(double legs, Func<Skeleton, double> touching)
        {
            var best = Propped(-80, legs);
            for (var roll = -60.0; roll >= -89; roll -= 0.5)
            {
                var p = Propped(roll, legs);
                if (Math.Abs(touching(Skeleton.Of(p))) < Math.Abs(touching(Skeleton.Of(best))))
                    best = p;
            }

            return Forearm(best);
        }

        var start = Solve(24, b => BodyGeometry.Capsules(b).First(c => c.Name == "right thigh").Bottom);
        var end = Solve(0, b => BodyGeometry.Capsules(b).First(c => c.Name == "right foot").Bottom);
        return Floor(
            View.Front,
            start,
            end,
            "lying on one side, propped on the forearm with the elbow under the shoulder, legs stacked",
            "the hips lifted so the body makes a straight line from head to feet",
            [new PointArrow(Landmark.Hips, 90, 0.12, Dy: -0.16)],
            props: [Mat()],
            endContacts: Contacts.ForearmDown | Contacts.OneFootDown);
    }

}
