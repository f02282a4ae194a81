using PhysioPortal.Core.Outcomes;

namespace PhysioPortal.Tests.Outcomes;

public class OutcomeRulesTests
{
    [Theory]
    [InlineData(3.0, 5.0, OutcomeVerdict.Improved)]           // PSFS average +2
    [InlineData(3.0, 4.9, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(5.0, 3.0, OutcomeVerdict.Worse)]
    public void Psfs_average_changes_by_two_points(double baseline, double latest, OutcomeVerdict verdict)
    {
        Assert.Equal(verdict, OutcomeRules.Verdict(OutcomeRules.Psfs, (decimal)baseline, (decimal)latest));
    }

    [Theory]
    [InlineData(40, 30, OutcomeVerdict.Improved)]   // ODI: lower is better, 10 points
    [InlineData(40, 31, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(30, 40, OutcomeVerdict.Worse)]
    public void Odi_changes_by_ten(int baseline, int latest, OutcomeVerdict verdict)
    {
        Assert.Equal(verdict, OutcomeRules.Verdict(OutcomeRules.Odi, baseline, latest));
    }

    [Theory]
    [InlineData(12, 7, OutcomeVerdict.Improved)]    // Roland-Morris: 5 points
    [InlineData(12, 8, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(7, 12, OutcomeVerdict.Worse)]
    public void Roland_morris_changes_by_five(int baseline, int latest, OutcomeVerdict verdict)
    {
        Assert.Equal(verdict, OutcomeRules.Verdict(OutcomeRules.Rmdq, baseline, latest));
    }

    [Theory]
    [InlineData(8, 6, OutcomeVerdict.Improved)]     // 2 points
    [InlineData(5, 3.5, OutcomeVerdict.Improved)]   // 30 % of 5 is 1.5
    [InlineData(5, 4, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(3, 2, OutcomeVerdict.Improved)]     // 30 % of 3 is under a point: one whole point
    [InlineData(1, 0.5, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(4, 6, OutcomeVerdict.Worse)]
    public void Pain_changes_by_two_points_or_thirty_percent(double baseline, double latest, OutcomeVerdict verdict)
    {
        Assert.Equal(verdict, OutcomeRules.Verdict(OutcomeRules.Pain, (decimal)baseline, (decimal)latest));
    }

    [Theory]
    [InlineData(2, OutcomeVerdict.Improved)]
    [InlineData(1, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(-1, OutcomeVerdict.NoMeaningfulChange)]
    [InlineData(-2, OutcomeVerdict.Worse)]
    public void The_global_rating_is_itself_the_change(int rating, OutcomeVerdict verdict)
    {
        Assert.Equal(verdict, OutcomeRules.Verdict(OutcomeRules.GlobalChange, null, rating));
    }

    [Fact]
    public void No_verdict_without_a_baseline_or_a_minimal_important_change()
    {
        Assert.Null(OutcomeRules.Verdict(OutcomeRules.Odi, null, 20));
        Assert.Null(OutcomeRules.Verdict(OutcomeRules.Other("Neck Disability Index", 0, 50, false), 30, 10));
        Assert.Equal("not enough scores yet", OutcomeRules.Text(null));
    }

    [Fact]
    public void Psfs_needs_one_to_five_named_activities_each_rated_zero_to_ten()
    {
        Assert.Contains(OutcomeRules.ValidatePsfs([("", 5), (" ", null)]), p => p.Field == "Activities");
        Assert.Contains(OutcomeRules.ValidatePsfs([.. Enumerable.Range(1, 6).Select(i => ($"a{i}", (int?)5))]), p => p.Field == "Activities");
        Assert.Contains(OutcomeRules.ValidatePsfs([("Lifting my child", 11)]), p => p.Field == "Items[0].Rating");
        Assert.Contains(OutcomeRules.ValidatePsfs([("Lifting my child", null)]), p => p.Field == "Items[0].Rating");
        Assert.Empty(OutcomeRules.ValidatePsfs([("Lifting my child", 3), ("Sitting an hour", 0), ("", null)]));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Paper_scores_stay_in_the_measure_s_range(int score, bool ok)
    {
        Assert.Equal(ok, OutcomeRules.ValidateScore(OutcomeRules.Odi, score) is null);
        Assert.NotNull(OutcomeRules.ValidateScore(OutcomeRules.Rmdq, null));
        Assert.NotNull(OutcomeRules.ValidateScore(OutcomeRules.Rmdq, 25));
    }
}
