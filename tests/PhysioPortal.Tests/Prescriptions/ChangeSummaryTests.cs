using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Tests.Prescriptions;

public class ChangeSummaryTests
{
    private static readonly Guid Bridge = Guid.NewGuid(), SidePlank = Guid.NewGuid(), Plank = Guid.NewGuid();
    private static readonly ChangeSummary.Schedule Schedule = new(DaysOfWeek.Monday | DaysOfWeek.Friday, 1, new TimeOnly(8, 0), new DateOnly(2026, 12, 1), 4, null);

    [Fact]
    public void Added_and_changed_hold_read_like_the_clinic_says_it()
    {
        var before = new[] { new ChangeSummary.Item(Bridge, "Bridge Pose", new Dosage { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30 }, null) };
        var after = new[]
        {
            new ChangeSummary.Item(Bridge, "Bridge Pose", new Dosage { RepsMin = 10, HoldMinSeconds = 20, HoldMaxSeconds = 40 }, null),
            new ChangeSummary.Item(SidePlank, "Side Plank", new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30 }, null),
        };
        Assert.Equal("added Side Plank; Bridge Pose hold 15–30 s → 20–40 s", ChangeSummary.Describe(before, Schedule, after, Schedule));
    }

    [Fact]
    public void Removed_reordered_and_schedule_changes_are_listed()
    {
        var d = new Dosage { RepsMin = 10 };
        var before = new[] { new ChangeSummary.Item(Bridge, "Bridge Pose", d, null), new ChangeSummary.Item(Plank, "Plank", d, null), new ChangeSummary.Item(SidePlank, "Side Plank", d, null) };
        var after = new[] { new ChangeSummary.Item(SidePlank, "Side Plank", d, null), new ChangeSummary.Item(Bridge, "Bridge Pose", d, null) };
        var later = Schedule with { Days = DaysOfWeek.Every, Weeks = 6 };
        Assert.Equal("removed Plank; order changed; days Mon, Fri → Every day; length 4 → 6 weeks", ChangeSummary.Describe(before, Schedule, after, later));
    }

    [Fact]
    public void Nothing_changed_says_so()
    {
        var items = new[] { new ChangeSummary.Item(Bridge, "Bridge Pose", new Dosage { RepsMin = 10 }, "slowly") };
        Assert.Equal("no changes", ChangeSummary.Describe(items, Schedule, items, Schedule));
    }
}
