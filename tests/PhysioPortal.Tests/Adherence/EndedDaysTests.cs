using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Adherence;

/// <summary>Slipping, right: today is not missed until it has ended; a routine of under 2 scheduled days has just started.</summary>
public class EndedDaysTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly PatientSchedule Daily = new(DaysOfWeek.Every, 1, Monday, Monday.AddDays(27));

    private static LoggedSession Log(DateOnly date, int session = 1) => new(date, session, null, null);

    [Fact]
    public void Today_counts_only_when_it_is_logged()
    {
        var wednesday = Monday.AddDays(2);
        // Mon and Tue ended and were logged; Wednesday has not ended: 2 of 2, not 2 of 3.
        var a = AdherenceCalculator.OverEndedDays(Daily, [Log(Monday), Log(Monday.AddDays(1))], wednesday, 7);
        Assert.Equal((2, 2), (a.Scheduled, a.Logged));
        // Logged today: it counts at once.
        a = AdherenceCalculator.OverEndedDays(Daily, [Log(Monday), Log(Monday.AddDays(1)), Log(wednesday)], wednesday, 7);
        Assert.Equal((3, 3), (a.Scheduled, a.Logged));
        // A 7-day window: 6 ended days and today.
        a = AdherenceCalculator.OverEndedDays(Daily, [], Monday.AddDays(20), 7);
        Assert.Equal(6, a.Scheduled);
    }

    [Fact]
    public void Two_sessions_today_count_as_far_as_they_are_logged()
    {
        var twice = Daily with { SessionsPerDay = 2 };
        var a = AdherenceCalculator.OverEndedDays(twice, [Log(Monday), Log(Monday.AddDays(1), 2)], Monday.AddDays(1), 7);
        Assert.Equal((3, 2), (a.Scheduled, a.Logged)); // Monday's 2 sessions, and today's one logged session
    }

    [Theory]
    [InlineData(0, true)]   // the first day: nothing has ended
    [InlineData(1, true)]   // one scheduled day has ended
    [InlineData(2, false)]  // two have ended
    public void A_routine_with_fewer_than_two_ended_scheduled_days_has_just_started(int daysIn, bool justStarted)
    {
        Assert.Equal(justStarted, AdherenceCalculator.JustStarted(Daily, Monday.AddDays(daysIn)));
    }

    [Fact]
    public void Just_started_is_never_slipping_for_adherence()
    {
        var week = AdherenceCalculator.OverEndedDays(Daily, [], Monday.AddDays(1), 7);
        var row = new SlippingPatient(Guid.NewGuid(), "A", "R", week, new PainTrend(null, null), JustStarted: true);
        Assert.False(row.LowAdherence);
        Assert.Equal("just started", row.WeekText);
        var twoDaysIn = new SlippingPatient(Guid.NewGuid(), "A", "R", AdherenceCalculator.OverEndedDays(Daily, [], Monday.AddDays(2), 7), new PainTrend(null, null));
        Assert.True(twoDaysIn.LowAdherence);
    }
}
