using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Alerts;

public class AlertRulesTests
{
    private static readonly DateOnly Start = new(2026, 11, 2); // a Monday

    private static LogFacts Log(int day, int? before = null, int? after = null, Difficulty? difficulty = null, string? note = null, int session = 1) =>
        new(Guid.NewGuid(), Start.AddDays(day), session, before, after, difficulty, note);

    private static IReadOnlyList<AlertKind> Kinds(LogFacts log, params LogFacts[] earlier) =>
        AlertRules.ForLog(log, [.. earlier, log], Start).Select(a => a.Kind).ToList();

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(4, 6, true)]
    [InlineData(0, 2, true)]
    [InlineData(6, 4, false)]
    [InlineData(3, 4, false)]
    public void Pain_after_a_session_two_points_above_pain_before_raises_an_alert(int before, int after, bool raised)
    {
        Assert.Equal(raised, Kinds(Log(0, before, after)).Contains(AlertKind.PainAfterSession));
    }

    [Fact]
    public void Pain_after_needs_both_scores()
    {
        Assert.Empty(Kinds(Log(0, null, 9)));
        Assert.Empty(Kinds(Log(0, 1, null)));
    }

    [Fact]
    public void Too_hard_twice_in_a_row_raises_once_on_the_second()
    {
        var first = Log(0, difficulty: Difficulty.TooHard);
        Assert.DoesNotContain(AlertKind.TooHard, Kinds(first));
        Assert.Contains(AlertKind.TooHard, Kinds(Log(1, difficulty: Difficulty.TooHard), first));
        // Broken by an "about right" in between.
        Assert.DoesNotContain(AlertKind.TooHard, Kinds(Log(2, difficulty: Difficulty.TooHard), first, Log(1, difficulty: Difficulty.AboutRight)));
        // A log with no difficulty breaks the run too: "in a row" means the patient said it each time.
        Assert.DoesNotContain(AlertKind.TooHard, Kinds(Log(2, difficulty: Difficulty.TooHard), first, Log(1)));
    }

    [Fact]
    public void Too_hard_is_judged_in_log_order_even_when_a_missed_day_is_logged_late()
    {
        var monday = Log(0, difficulty: Difficulty.Easy);
        var wednesday = Log(2, difficulty: Difficulty.TooHard);
        // Tuesday logged afterwards, too hard: Tuesday follows Monday (easy), so no alert for Tuesday.
        var tuesday = Log(1, difficulty: Difficulty.TooHard);
        Assert.DoesNotContain(AlertKind.TooHard, Kinds(tuesday, monday, wednesday));
        var thursday = Log(3, difficulty: Difficulty.TooHard);
        Assert.Contains(AlertKind.TooHard, Kinds(thursday, monday, tuesday, wednesday));
    }

    [Theory]
    // First week average 4; last three after the first week average...
    [InlineData(new[] { 4, 4 }, new[] { 6, 6, 6 }, true)]    // +2 points
    [InlineData(new[] { 4, 4 }, new[] { 5, 5, 6 }, true)]    // +1.33 = 33 %
    [InlineData(new[] { 4, 4 }, new[] { 5, 5, 5 }, false)]   // +1 = 25 %
    [InlineData(new[] { 2 }, new[] { 3, 3, 3 }, true)]       // +1 = 50 %
    [InlineData(new[] { 1 }, new[] { 1, 1, 2 }, false)]      // +0.33: 33 % but under a point
    [InlineData(new[] { 0 }, new[] { 1, 2, 2 }, false)]      // +1.67 from 0: under 2 points, no percentage of 0
    [InlineData(new[] { 0 }, new[] { 2, 2, 2 }, true)]
    [InlineData(new[] { 6 }, new[] { 4, 4, 4 }, false)]      // better
    public void Pain_before_over_the_last_three_logs_against_the_first_week(int[] firstWeek, int[] later, bool raised)
    {
        var logs = firstWeek.Select((p, i) => Log(i, before: p)).Concat(later.Select((p, i) => Log(7 + i, before: p))).ToList();
        Assert.Equal(raised, Kinds(logs[^1], [.. logs[..^1]]).Contains(AlertKind.PainRising));
    }

    [Fact]
    public void Pain_rising_needs_a_first_week_score_and_three_later_scores()
    {
        // Only two logs after the first week.
        var logs = new[] { Log(0, before: 2), Log(8, before: 7), Log(9, before: 7) };
        Assert.DoesNotContain(AlertKind.PainRising, Kinds(logs[^1], logs[..^1]));
        // No score in the first week.
        logs = [Log(0), Log(8, before: 7), Log(9, before: 7), Log(10, before: 7)];
        Assert.DoesNotContain(AlertKind.PainRising, Kinds(logs[^1], logs[..^1]));
        // Day 6 is still the first week, day 7 is not.
        logs = [Log(6, before: 2), Log(7, before: 5), Log(8, before: 5), Log(9, before: 5)];
        Assert.Contains(AlertKind.PainRising, Kinds(logs[^1], logs[..^1]));
    }

    [Fact]
    public void A_note_naming_a_warning_sign_raises_an_alert_with_the_words()
    {
        var alert = Assert.Single(AlertRules.ForLog(Log(0, note: "Felt dizzy lying on my back"), [], Start));
        Assert.Equal(AlertKind.WarningSign, alert.Kind);
        Assert.Equal(["dizzy"], alert.Matched);
        Assert.Contains("dizziness or fainting", alert.Summary);
        Assert.True(Alert.IsUrgent(alert.Kind));
    }

    [Fact]
    public void Keys_tie_an_alert_to_its_log_so_logging_again_raises_nothing_new()
    {
        var log = Log(0, 3, 7, note: "I fell");
        var first = AlertRules.ForLog(log, [log], Start).Select(a => a.UniqueKey);
        var again = AlertRules.ForLog(log with { Note = "I fell over" }, [log], Start).Select(a => a.UniqueKey);
        Assert.Equal(first, again);
    }

    // Mon/Wed/Fri from Mon 2 Nov 2026.
    private static readonly PatientSchedule MonWedFri = new(DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, 1, Start, Start.AddDays(27));

    [Fact]
    public void Three_scheduled_days_missed_counts_only_days_that_have_ended()
    {
        var id = Guid.NewGuid();
        // Today Fri 6 Nov: Mon 2 and Wed 4 have ended, Friday has not.
        Assert.Null(AlertRules.MissedDays(id, MonWedFri, null, Start, Start.AddDays(4)));
        // Sat 7 Nov: Mon, Wed, Fri all ended without a log.
        var alert = AlertRules.MissedDays(id, MonWedFri, null, Start, Start.AddDays(5));
        Assert.NotNull(alert);
        Assert.Equal(AlertKind.MissedDays, alert.Kind);
        Assert.Equal($"missed:{id}:2026-11-02", alert.UniqueKey);
        // The same run a day later has the same key (one alert per run).
        Assert.Equal(alert.UniqueKey, AlertRules.MissedDays(id, MonWedFri, null, Start, Start.AddDays(6))!.UniqueKey);
        // A log on Wednesday breaks it.
        Assert.Null(AlertRules.MissedDays(id, MonWedFri, Start.AddDays(2), Start, Start.AddDays(5)));
    }

    [Fact]
    public void Missed_days_before_the_version_was_saved_do_not_count()
    {
        Assert.Null(AlertRules.MissedDays(Guid.NewGuid(), MonWedFri, null, Start.AddDays(4), Start.AddDays(5)));
    }
}
