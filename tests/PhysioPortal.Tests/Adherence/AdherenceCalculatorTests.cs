using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Adherence;

public class AdherenceCalculatorTests
{
    // Mon 2026-11-02 .. Sun 2026-11-29, Mon/Wed/Fri.
    private static readonly PatientSchedule MonWedFri = new(DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, 1, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 29));

    private static LoggedSession Log(int day, int? before = null, int? after = null, int session = 1) => new(new DateOnly(2026, 11, day), session, before, after);

    [Fact]
    public void Adherence_is_logged_over_scheduled_sessions_in_the_window()
    {
        // Window Mon 16 .. Sun 22: scheduled 16, 18, 20. Logged 16 and 20, plus an unscheduled Tuesday.
        var a = AdherenceCalculator.Over(MonWedFri, [Log(16), Log(17), Log(20)], new DateOnly(2026, 11, 22), 7);
        Assert.Equal(3, a.Scheduled);
        Assert.Equal(2, a.Logged);
        Assert.Equal(2.0 / 3, a.Ratio!.Value, 3);
        Assert.Equal("67 % (2 of 3)", a.Text);
    }

    [Fact]
    public void A_window_reaching_before_the_start_counts_only_the_routine_s_days()
    {
        var a = AdherenceCalculator.Over(MonWedFri, [Log(2), Log(4)], new DateOnly(2026, 11, 4), 28);
        Assert.Equal(2, a.Scheduled);
        Assert.Equal(1.0, a.Ratio);
    }

    [Fact]
    public void Nothing_scheduled_has_no_ratio()
    {
        var a = AdherenceCalculator.Over(MonWedFri, [], new DateOnly(2026, 11, 1), 7);
        Assert.Null(a.Ratio);
        Assert.Equal("nothing scheduled yet", a.Text);
    }

    [Fact]
    public void Two_sessions_a_day_count_each_session()
    {
        var twice = MonWedFri with { SessionsPerDay = 2 };
        var a = AdherenceCalculator.Over(twice, [Log(16), Log(16, session: 2), Log(18)], new DateOnly(2026, 11, 18), 7);
        Assert.Equal(6, a.Scheduled); // Fri 13, Mon 16 and Wed 18, twice each
        Assert.Equal(3, a.Logged);
    }

    [Fact]
    public void Pain_change_is_latest_minus_first_using_the_score_before_the_session()
    {
        var trend = AdherenceCalculator.Pain([Log(4, before: 6, after: 4), Log(6), Log(9, after: 5), Log(11, before: 3)]);
        Assert.Equal(6, trend.First);
        Assert.Equal(3, trend.Latest);
        Assert.Equal(-3, trend.Change);
        Assert.False(trend.IsWorse);
        Assert.Equal("6 → 3/10 since the first session (down 3)", trend.Text);
    }

    [Fact]
    public void One_session_logged_5_to_3_says_what_changed_in_it()
    {
        var trend = AdherenceCalculator.Pain([Log(4, before: 5, after: 3)]);
        Assert.Equal("5 → 3/10 (down 2) during the one session logged", trend.Text);
        Assert.DoesNotContain("unchanged", trend.Text);
        Assert.Equal("4/10 in the one session logged", AdherenceCalculator.Pain([Log(4, after: 4)]).Text);
    }

    [Fact]
    public void Same_pain_across_sessions_still_tells_the_latest_session()
    {
        var trend = AdherenceCalculator.Pain([Log(2, before: 5, after: 5), Log(4, before: 5, after: 3)]);
        Assert.Equal("unchanged at 5/10 since the first session; latest session 5 → 3/10 (down 2)", trend.Text);
        Assert.Equal("4 → 6/10 since the first session (up 2)", AdherenceCalculator.Pain([Log(2, before: 4), Log(4, before: 6, after: 6)]).Text);
    }

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(4, 6, true)]
    [InlineData(4, 9, true)]
    public void Pain_up_by_two_points_or_more_is_worse(int first, int latest, bool worse)
    {
        Assert.Equal(worse, AdherenceCalculator.Pain([Log(2, first), Log(4, latest)]).IsWorse);
    }

    [Fact]
    public void No_scores_no_trend()
    {
        Assert.Null(AdherenceCalculator.Pain([Log(2), Log(4)]).Change);
    }

    [Fact]
    public void Missed_in_a_row_counts_back_from_yesterday()
    {
        // Today Fri 20: scheduled before it 2,4,6,9,11,13,16,18; logged up to 11.
        Assert.Equal(3, AdherenceCalculator.MissedInARow(MonWedFri, [Log(9), Log(11)], new DateOnly(2026, 11, 20)));
        Assert.Equal(0, AdherenceCalculator.MissedInARow(MonWedFri, [Log(18)], new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public void A_patient_ahead_of_UTC_logging_just_after_local_midnight_logs_their_own_new_day()
    {
        // 11:30 UTC on Tue 1 Dec is 00:30 on Wed 2 Dec in Auckland (UTC+13 in summer).
        var now = new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.Zero);
        var today = LocalDates.PatientToday("Pacific/Auckland", now);
        Assert.Equal(new DateOnly(2026, 12, 2), today);
        Assert.Equal(new DateOnly(2026, 12, 1), LocalDates.PatientToday("Europe/London", now));

        // Their Wednesday is scheduled and counts, though it is still Tuesday in UTC.
        var schedule = new PatientSchedule(DaysOfWeek.Wednesday, 1, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 27));
        var a = AdherenceCalculator.Over(schedule, [new LoggedSession(today, 1, 3, 2)], today, 7);
        Assert.Equal(1, a.Scheduled);
        Assert.Equal(1, a.Logged);
    }

    [Fact]
    public void An_unknown_time_zone_falls_back_to_UTC()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), LocalDates.PatientToday("Mars/Olympus_Mons", new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)));
    }
}
