using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Tests.Safety;

/// <summary>
/// How safer alternatives are ranked (same group, then same body region, then the same kind of dosage) and which
/// dosage a swap brings, at the boundaries of each rule. No database: plain exercises.
/// </summary>
public class SaferSwapRankingTests
{
    private const string Supine = "pregnancy-supine-hold";
    private static readonly Dosage Hold = new() { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30 };
    private static readonly Dosage Reps = new() { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 };

    private static Exercise Ex(string name, ExerciseGroup group, BodyRegions regions, Dosage dosage,
        StartingPosition position = StartingPosition.Standing, CautionTags cautions = CautionTags.None, int order = 0) => new()
    {
        Id = Guid.NewGuid(), Slug = name.ToLowerInvariant().Replace(' ', '-'), Name = name, Targets = "Works the " + name,
        Group = group, Regions = regions, DefaultDosage = dosage, Position = position, Cautions = cautions, SortOrder = order,
    };

    private static readonly Exercise Bridge = Ex("Bridge", ExerciseGroup.Pregnancy, BodyRegions.LowerBack | BodyRegions.Hips, Hold,
        StartingPosition.LyingOnBack, CautionTags.LyingOnBack);

    private static List<string> Ranked(params Exercise[] library) =>
        SaferSwaps.For(Bridge, [Supine], library, new HashSet<Guid>()).Select(e => e.Name).ToList();

    [Theory]
    [InlineData(null, DosageKind.Repetitions)]
    [InlineData(3, DosageKind.Repetitions)]
    [InlineData(9, DosageKind.Repetitions)]
    [InlineData(10, DosageKind.Hold)]
    [InlineData(30, DosageKind.Hold)]
    public void A_hold_of_10_seconds_or_more_makes_a_hold_exercise(int? holdMin, DosageKind expected)
    {
        Assert.Equal(expected, SaferSwaps.KindOf(new Dosage { RepsMin = 10, HoldMinSeconds = holdMin, HoldMaxSeconds = holdMin }));
    }

    [Fact]
    public void The_same_group_comes_before_the_same_region_and_dosage_kind()
    {
        var sameGroupOnly = Ex("Same group, other region, reps", ExerciseGroup.Pregnancy, BodyRegions.Neck, Reps);
        var regionAndKind = Ex("Other group, same region, hold", ExerciseGroup.Hips, BodyRegions.Hips, Hold);
        Assert.Equal(["Same group, other region, reps", "Other group, same region, hold"], Ranked(regionAndKind, sameGroupOnly));
    }

    [Fact]
    public void Within_a_group_the_same_region_comes_before_the_dosage_kind()
    {
        var otherRegionHold = Ex("Other region, hold", ExerciseGroup.Pregnancy, BodyRegions.Shoulder, Hold);
        var sameRegionReps = Ex("Same region, reps", ExerciseGroup.Pregnancy, BodyRegions.LowerBack, Reps);
        Assert.Equal(["Same region, reps", "Other region, hold"], Ranked(otherRegionHold, sameRegionReps));
    }

    [Fact]
    public void With_group_and_region_alike_the_same_dosage_kind_comes_first()
    {
        // A 9 s hold is still repetitions; 10 s is a hold: the boundary decides the order.
        var nineSeconds = Ex("Held 9 s", ExerciseGroup.Hips, BodyRegions.Hips, new Dosage { RepsMin = 5, HoldMinSeconds = 9 }, order: 1);
        var tenSeconds = Ex("Held 10 s", ExerciseGroup.Hips, BodyRegions.Hips, new Dosage { RepsMin = 5, HoldMinSeconds = 10 }, order: 2);
        Assert.Equal(["Held 10 s", "Held 9 s"], Ranked(nineSeconds, tenSeconds));
        // Given as repetitions in the routine (the clinician changed the dosage), repetitions rank first instead.
        var asReps = SaferSwaps.For(Bridge, [Supine], [nineSeconds, tenSeconds], new HashSet<Guid>(), new Dosage { RepsMin = 12 });
        Assert.Equal(["Held 9 s", "Held 10 s"], asReps.Select(e => e.Name));
    }

    [Fact]
    public void Neither_the_group_nor_a_region_in_common_is_no_alternative()
    {
        var unrelated = Ex("Neck turn", ExerciseGroup.UpperBack, BodyRegions.Neck, Hold);
        Assert.Empty(Ranked(unrelated));
    }

    [Fact]
    public void What_would_raise_the_warning_again_or_cannot_be_used_is_never_offered()
    {
        var sameRegion = BodyRegions.Hips;
        var lyingOnBack = Ex("On the back", ExerciseGroup.Pregnancy, sameRegion, Hold, StartingPosition.LyingOnBack);
        var faceDown = Ex("Face down", ExerciseGroup.Pregnancy, sameRegion, Hold, StartingPosition.LyingFaceDown);
        var cautioned = Ex("Cautioned", ExerciseGroup.Pregnancy, sameRegion, Hold, StartingPosition.Kneeling, CautionTags.LyingOnBack);
        var archived = Ex("Archived", ExerciseGroup.Pregnancy, sameRegion, Hold);
        archived.ArchivedAt = DateTimeOffset.UtcNow;
        var inRoutine = Ex("In the routine", ExerciseGroup.Pregnancy, sameRegion, Hold);
        var fine = Ex("Fine", ExerciseGroup.Pregnancy, sameRegion, Hold, StartingPosition.SideLying);
        var offered = SaferSwaps.For(Bridge, [Supine], [lyingOnBack, faceDown, cautioned, archived, inRoutine, fine], new HashSet<Guid> { inRoutine.Id });
        Assert.Equal(["Fine"], offered.Select(e => e.Name));
        // A warning a swap cannot answer offers nothing.
        Assert.Empty(SaferSwaps.For(Bridge, ["red-flags"], [fine], new HashSet<Guid>()));
    }

    [Fact]
    public void At_most_three_are_offered()
    {
        var many = Enumerable.Range(1, 5).Select(i => Ex($"Alt {i}", ExerciseGroup.Pregnancy, BodyRegions.Hips, Hold, order: i)).ToArray();
        Assert.Equal(["Alt 1", "Alt 2", "Alt 3"], Ranked(many));
    }

    [Fact]
    public void A_swap_keeps_a_dosage_of_the_same_kind_with_the_new_exercise_s_sides()
    {
        var clinicians = new Dosage { Sets = 2, RepsMin = 8, HoldMinSeconds = 20, HoldMaxSeconds = 40 };
        var heldEachSide = Ex("Held each side", ExerciseGroup.Hips, BodyRegions.Hips, new Dosage { HoldMinSeconds = 30, Sides = SideMode.EachSide });
        Assert.Equal(clinicians with { Sides = SideMode.EachSide }, SaferSwaps.DosageFor(clinicians, heldEachSide));
        Assert.True(SaferSwaps.KeepsDosage(clinicians, heldEachSide));
        Assert.Equal("with the same dosage", SaferSwaps.DosageText(clinicians, heldEachSide));
    }

    [Fact]
    public void A_swap_to_another_dosage_kind_brings_the_alternative_s_own_dosage_not_the_hold()
    {
        var repetitions = Ex("Cat-Camel", ExerciseGroup.LowerBack, BodyRegions.LowerBack, Reps);
        var dosage = SaferSwaps.DosageFor(Hold, repetitions);
        Assert.Equal(Reps, dosage);
        Assert.Equal(5, dosage.HoldMaxSeconds);
        Assert.False(SaferSwaps.KeepsDosage(Hold, repetitions));
        Assert.Contains("its own dosage (10 reps · hold 3–5 s)", SaferSwaps.DosageText(Hold, repetitions));
        // And the other way: repetitions swapped for a hold exercise take its hold.
        var stretch = Ex("Stretch", ExerciseGroup.Hips, BodyRegions.Hips, new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60 });
        Assert.Equal(stretch.DefaultDosage, SaferSwaps.DosageFor(Reps, stretch));
    }

    [Fact]
    public void In_the_built_in_library_the_pregnancy_bridge_gets_a_hold_exercise_of_its_regions_not_a_cat_camel()
    {
        var library = ExerciseLibrary.Exercises.Select((seed, i) =>
        {
            var e = LibrarySeeder.ToExercise(seed);
            e.Regions = BuiltInRegions.For(seed.Slug);
            e.SortOrder = i;
            return e;
        }).ToList();
        var bridge = library.Single(e => e.Slug == "pregnancy-bridge-pose");
        var template = ExerciseLibrary.Templates.Single(t => t.Slug == "pregnancy").Items.Select(i => library.Single(e => e.Slug == i.ExerciseSlug).Id).ToHashSet();
        var offered = SaferSwaps.For(bridge, [Supine], library, template);
        Assert.NotEmpty(offered);
        Assert.All(offered, e =>
        {
            Assert.NotEqual(0, (int)(e.Regions & bridge.Regions));
            Assert.DoesNotContain("Cat-Camel", e.Name, StringComparison.Ordinal);
        });
        var first = offered[0];
        Assert.Equal(DosageKind.Hold, SaferSwaps.KindOf(first.DefaultDosage));
        Assert.Equal(bridge.Regions, first.Regions & bridge.Regions);
    }
}
