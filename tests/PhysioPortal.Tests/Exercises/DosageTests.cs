using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Exercises;

public class DosageTests
{
    [Fact]
    public void Reps_hold_and_sides_make_one_line()
    {
        var dosage = new Dosage { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide };
        Assert.Equal("10 reps · hold 15–30 s · each side", dosage.ToString());
    }

    [Fact]
    public void Sets_show_only_when_more_than_one()
    {
        var dosage = new Dosage { Sets = 2, RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide };
        Assert.Equal("2 sets · 10 reps · hold 15–30 s · each side", dosage.ToString());
    }

    [Theory]
    [InlineData(10, 12, "10–12 reps")]
    [InlineData(10, 10, "10 reps")]
    [InlineData(1, null, "1 rep")]
    public void Repetitions_are_a_number_or_a_range(int min, int? max, string expected)
    {
        Assert.Equal(expected, new Dosage { RepsMin = min, RepsMax = max }.ToString());
    }

    [Fact]
    public void A_single_hold_time_prints_without_a_range()
    {
        Assert.Equal("hold 30 s", new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 30 }.ToString());
    }

    [Theory]
    [InlineData(SideMode.Alternating, "10–12 reps · alternating sides")]
    [InlineData(SideMode.BothDirections, "10–12 reps · both directions")]
    public void Side_modes_read_plainly(SideMode sides, string expected)
    {
        Assert.Equal(expected, new Dosage { RepsMin = 10, RepsMax = 12, Sides = sides }.ToString());
    }

    [Fact]
    public void Rest_is_shown_when_given()
    {
        Assert.Equal("3 sets · 8 reps · rest 60 s", new Dosage { Sets = 3, RepsMin = 8, RestSeconds = 60 }.ToString());
    }

    [Fact]
    public void Nonsense_is_refused_with_a_reason_per_field()
    {
        var problems = new Dosage { Sets = 0, RepsMin = -3, HoldMinSeconds = 10_000 }.Validate().ToList();
        Assert.Contains(problems, p => p.Field == nameof(Dosage.Sets));
        Assert.Contains(problems, p => p.Field == nameof(Dosage.RepsMin));
        Assert.Contains(problems, p => p.Field == nameof(Dosage.HoldMinSeconds));
    }

    [Fact]
    public void An_upside_down_range_is_refused()
    {
        Assert.False(new Dosage { RepsMin = 12, RepsMax = 10 }.IsValid);
        Assert.False(new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 15 }.IsValid);
        Assert.True(new Dosage { RepsMin = 10, RepsMax = 12, HoldMinSeconds = 15, HoldMaxSeconds = 30 }.IsValid);
    }

    [Fact]
    public void A_dosage_needs_repetitions_or_a_hold()
    {
        Assert.False(new Dosage { Sets = 2 }.IsValid);
    }
}
