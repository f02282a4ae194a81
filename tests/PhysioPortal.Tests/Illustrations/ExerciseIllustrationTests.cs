using System.Text;
using System.Xml.Linq;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Illustrations;

namespace PhysioPortal.Tests.Illustrations;

/// <summary>
/// Every built-in exercise has two key frames that pass every physical check; a failing pose names the exercise
/// and the check. Pure: no host, no database.
/// </summary>
public sealed class ExerciseIllustrationTests
{
    public static readonly string[] Checks = ["segment lengths", "above the floor", "contacts", "joint ranges", "inside the frame"];

    public static TheoryData<string, string> ExerciseChecks()
    {
        var data = new TheoryData<string, string>();
        foreach (var e in ExerciseLibrary.Exercises)
        {
            foreach (var check in Checks)
                data.Add(e.Slug, check);
        }

        return data;
    }

    public static TheoryData<string> Slugs() => [.. ExerciseLibrary.Exercises.Select(e => e.Slug)];

    [Fact]
    public void Every_built_in_exercise_has_an_illustration_and_there_are_no_others()
    {
        var slugs = ExerciseLibrary.Exercises.Select(e => e.Slug).Order().ToList();
        Assert.Equal(39, slugs.Count);
        Assert.Equal(slugs, ExerciseIllustrations.All.Keys.Order().ToList());
    }

    [Theory]
    [MemberData(nameof(ExerciseChecks))]
    public void Pose_passes_the_physical_check(string slug, string check)
    {
        var exercise = ExerciseLibrary.Exercises.Single(e => e.Slug == slug);
        var problems = ExerciseIllustrations.Problems(slug, exercise.Position).Where(p => p.Check == check).Select(p => p.Problem).ToList();
        Assert.True(problems.Count == 0, $"{exercise.Name} ({slug}) fails \"{check}\": {string.Join("; ", problems)}");
    }

    [Fact]
    public void A_pose_that_sinks_into_the_floor_or_bends_a_knee_backward_is_caught()
    {
        var good = ExerciseIllustrations.For("bridge-pose")!;
        var sunk = good with { Start = good.Start with { Hips = good.Start.Hips with { Y = good.Start.Hips.Y - 0.1 } } };
        Assert.Contains(PhysicalChecks.AboveFloor(sunk), p => p.Contains("below the floor", StringComparison.Ordinal));
        var hyper = good with { End = good.End.WithLeg(Side.Left, good.End.LeftLeg with { Knee = -10 }) };
        Assert.Contains(PhysicalChecks.JointRanges(hyper), p => p.Contains("left knee flexion -10°", StringComparison.Ordinal));
        var floating = good with { Start = good.Start with { Hips = good.Start.Hips with { Y = good.Start.Hips.Y + 0.1 } } };
        Assert.Contains(PhysicalChecks.ContactsHold(floating, ExerciseIllustrations.ContactsFor(StartingPosition.LyingOnBack)),
            p => p.Contains("back does not rest", StringComparison.Ordinal));
        var outside = good with { Start = good.Start with { Hips = good.Start.Hips with { X = 5 } } };
        Assert.NotEmpty(PhysicalChecks.InsideFrame(outside));
    }

    [Fact]
    public void Limb_lengths_follow_the_proportions_whatever_the_angles()
    {
        var pose = new Pose { Pitch = 37, Roll = -20, Lumbar = new(25, 10, 15), LeftArm = new(120, 40, 30, 90, 20), RightLeg = new(100, 20, 30, 120, -30) };
        Assert.Empty(PhysicalChecks.SegmentLengths(new Illustration { View = View.Side, Start = pose, End = Posing.Standing(), StartCaption = "a", EndCaption = "b" }));
        var b = Skeleton.Of(Posing.Standing());
        Assert.Equal(Body.ShoulderHeight, b[Landmark.LeftShoulder].Y, 3);
        Assert.Equal(Body.KneeHeight, b[Landmark.LeftKnee].Y, 3);
        Assert.Equal(Body.AnkleHeight, b[Landmark.LeftAnkle].Y, 3);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Svg_is_small_safe_and_labelled(string slug)
    {
        var exercise = ExerciseLibrary.Exercises.Single(e => e.Slug == slug);
        var svg = ExerciseIllustrations.Svg(slug, exercise.Name)!;
        Assert.True(Encoding.UTF8.GetByteCount(svg) < 4096, $"{exercise.Name}: the SVG is {Encoding.UTF8.GetByteCount(svg)} bytes");
        var root = XElement.Parse(SvgWriter.Standalone(svg));
        Assert.Equal("img", (string?)root.Attribute("role"));
        var label = (string?)root.Attribute("aria-label") ?? "";
        Assert.StartsWith(exercise.Name + ":", label, StringComparison.Ordinal);
        Assert.Contains("; then ", label, StringComparison.Ordinal);
        // Nothing the page's CSP would block: no script, no style element or attribute, no event handler.
        var names = root.DescendantsAndSelf().Select(e => e.Name.LocalName).ToHashSet();
        Assert.DoesNotContain("script", names);
        Assert.DoesNotContain("style", names);
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()),
            a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Name.LocalName == "href");
        Assert.Equal(2, root.Elements().Count(e => ((string?)e.Attribute("class"))?.StartsWith('f') == true));
    }

    [Fact]
    public void The_wider_ranges_are_used_only_where_an_exercise_needs_them()
    {
        // The joint ranges are AAOS normal values but for a few, each wider for one kind of position
        // (docs/decisions/0009-exercise-pictures-inline-svg.md): any other exercise must keep to the AAOS value.
        (string Joint, double Aaos, bool Above, string[] Allowed)[] wider =
        [
            ("knee flexion", 135, true, ["childs-pose"]),
            ("trunk flexion", -25, false, ["prone-press-ups"]),
        ];
        foreach (var e in ExerciseLibrary.Exercises)
        {
            var ill = ExerciseIllustrations.For(e.Slug)!;
            foreach (var pose in new[] { ill.Start, ill.End })
            {
                foreach (var (joint, value, _, _) in PhysicalChecks.Joints(pose))
                {
                    foreach (var w in wider.Where(w => joint.EndsWith(w.Joint, StringComparison.Ordinal) && !w.Allowed.Contains(e.Slug)))
                        Assert.True(w.Above ? value <= w.Aaos + 0.5 : value >= w.Aaos - 0.5, $"{e.Name}: {joint} {value:0}° is past the AAOS {w.Aaos:0}°");
                }
            }
        }
    }

    [Fact]
    public void The_pregnancy_exercises_show_a_bump_and_the_others_do_not()
    {
        foreach (var e in ExerciseLibrary.Exercises)
        {
            var ill = ExerciseIllustrations.For(e.Slug)!;
            var pregnancy = e.Group == ExerciseGroup.Pregnancy;
            Assert.True(ill.Start.Bump == pregnancy && ill.End.Bump == pregnancy, $"{e.Name}: bump should be {pregnancy}");
        }
    }

    [Fact]
    public void Both_standing_hamstring_variants_are_drawn_differently()
    {
        var floor = ExerciseIllustrations.For("standing-hamstring-stretch")!;
        var desk = ExerciseIllustrations.For("standing-hamstring-stretch-desk")!;
        Assert.Empty(floor.Props);
        Assert.Contains(desk.Props, p => p.Kind == PropKind.Chair);
        // The desk variant's raised heel is well above the floor; the floor variant's heel is on it.
        Assert.True(Skeleton.Of(desk.End)[Landmark.LeftHeel].Y > Prop.SeatHeight);
        Assert.True(Skeleton.Of(floor.End)[Landmark.LeftHeel].Y - Body.FootWidth / 2 < PhysicalChecks.ContactTolerance);
    }

    [Fact]
    public void The_standing_piriformis_crossed_ankle_rests_on_the_standing_knee()
    {
        var end = Skeleton.Of(ExerciseIllustrations.For("standing-piriformis-stretch")!.End);
        var ankle = end[Landmark.LeftAnkle];
        var knee = end[Landmark.RightKnee];
        // Within the two limbs' half widths of each other: the shin lies across the knee instead of hanging by it.
        Assert.True((ankle - knee).Length < (Body.ThighWidth + Body.ShankWidth) / 2, $"ankle {ankle}, knee {knee}");
        Assert.True(ankle.Y >= knee.Y - 0.01, $"the crossed ankle hangs below the standing knee: {ankle.Y:0.000} < {knee.Y:0.000}");
        Assert.True(end[Landmark.LeftKnee].X > end[Landmark.LeftHip].X, "the crossed knee points forward");
    }

    [Fact]
    public void The_two_seated_twists_are_one_movement_and_drawn_alike()
    {
        // The article gives the upper-back Seated Twist and the at-work Seated Spinal Twist the same instructions.
        var upper = ExerciseIllustrations.For("seated-twist")!;
        var work = ExerciseIllustrations.For("seated-spinal-twist")!;
        Assert.Equal(upper.Start, work.Start);
        Assert.Equal(upper.End, work.End);
    }

    [Fact]
    public void A_clinic_exercise_without_a_pose_has_no_illustration()
    {
        Assert.Null(ExerciseIllustrations.For("our-own-exercise"));
        Assert.Null(ExerciseIllustrations.Svg("our-own-exercise", "Our own exercise"));
        Assert.Null(ExerciseIllustrations.For(null));
    }
}
