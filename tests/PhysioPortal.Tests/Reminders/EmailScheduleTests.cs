using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Due instants in the recipient's time zone, without a database.</summary>
public class EmailScheduleTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Spring forward: New York jumps 02:00 → 03:00, so 02:30 goes at 03:00 EDT; London jumps 01:00 → 02:00 (01:30 → 02:00 BST).
    [InlineData("America/New_York", "2027-03-14", "02:30", "2027-03-14T07:00:00Z")]
    [InlineData("Europe/London", "2027-03-28", "01:30", "2027-03-28T01:00:00Z")]
    [InlineData("Europe/London", "2027-03-28", "02:30", "2027-03-28T01:30:00Z")]
    // Fall back: 01:30 happens twice; the first one is taken, so it goes once.
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z")]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")]
    // Ordinary days either side.
    [InlineData("Europe/London", "2027-03-27", "02:30", "2027-03-27T02:30:00Z")]
    [InlineData("Europe/London", "2027-03-29", "02:30", "2027-03-29T01:30:00Z")]
    [InlineData("America/New_York", "2026-11-02", "01:30", "2026-11-02T06:30:00Z")]
    public void Local_times_resolve_across_daylight_saving_changes(string zone, string date, string time, string expectedUtc)
    {
        var due = EmailSchedule.At(D(date), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), zone);
        Assert.Equal(Utc(expectedUtc), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void The_window_holds_each_scheduled_day_once_and_the_check_in_a_week_after_the_start()
    {
        var schedule = new PatientSchedule(DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, 1, D("2027-03-01"), D("2027-03-28"));
        var input = new PrescriptionPlanInput(Guid.NewGuid(), 1, "Europe/London", new TimeOnly(9, 0), schedule, D("2027-03-07"), Announce: false)
        {
            TrackedSince = D("2027-03-01"),
        };
        // Sunday 7 March, noon: Monday 8th is inside 48 h, and so is the check-in on the 8th (start + 7).
        var planned = EmailSchedule.ForPrescription(input, Utc("2027-03-07T12:00:00Z"), TimeSpan.FromHours(48));
        Assert.Equal(
            [(EmailKind.Reminder, Utc("2027-03-08T09:00:00Z")), (EmailKind.CheckIn, Utc("2027-03-08T09:00:00Z"))],
            planned.Select(p => (p.Kind, p.DueAt)).ToList());
        Assert.Equal($"check-in:{input.PrescriptionId}", planned[1].UniqueKey);
        Assert.Equal($"reminder:{input.PrescriptionId}:2027-03-08", planned[0].UniqueKey);
    }

    [Fact]
    public void A_nudge_comes_once_per_run_of_three_missed_scheduled_days_instead_of_that_day_s_reminder()
    {
        var rx = Guid.NewGuid();
        var schedule = new PatientSchedule(DaysOfWeek.Every, 1, D("2027-05-01"), D("2027-05-31"));
        PrescriptionPlanInput Input(DateOnly? lastLog) =>
            new(rx, 1, "America/New_York", new TimeOnly(18, 0), schedule, lastLog, Announce: false) { TrackedSince = D("2027-05-01") };

        // Logged on the 3rd, missed the 4th, 5th and 6th: on the 7th the nudge replaces the 18:00 reminder.
        var on7th = EmailSchedule.ForPrescription(Input(D("2027-05-03")), Utc("2027-05-07T05:00:00Z"), TimeSpan.FromHours(48));
        var nudge = Assert.Single(on7th, p => p.Kind == EmailKind.Nudge);
        Assert.Equal($"nudge:{rx}:2027-05-04", nudge.UniqueKey);
        Assert.Equal(Utc("2027-05-07T22:00:00Z"), nudge.DueAt); // 18:00 EDT
        Assert.DoesNotContain(on7th, p => p.Kind == EmailKind.Reminder && p.LocalDate == D("2027-05-07"));
        Assert.Contains(on7th, p => p.Kind == EmailKind.Reminder && p.LocalDate == D("2027-05-08"));

        // Still missing on the 8th: the same run, the same key (so no second nudge), and the reminder is back.
        var on8th = EmailSchedule.ForPrescription(Input(D("2027-05-03")), Utc("2027-05-08T05:00:00Z"), TimeSpan.FromHours(48));
        Assert.Equal(nudge.UniqueKey, Assert.Single(on8th, p => p.Kind == EmailKind.Nudge).UniqueKey);
        Assert.Contains(on8th, p => p.Kind == EmailKind.Reminder && p.LocalDate == D("2027-05-08"));

        // Two missed days only: no nudge.
        Assert.DoesNotContain(EmailSchedule.ForPrescription(Input(D("2027-05-04")), Utc("2027-05-07T05:00:00Z"), TimeSpan.FromHours(48)),
            p => p.Kind == EmailKind.Nudge);
    }

    [Theory]
    // The start (Monday 1 March), then every 2 weeks while the routine runs (it ends on 11 April), at the reminder time.
    [InlineData("2027-02-28T12:00:00Z", "2027-03-01", "2027-03-01T09:00:00Z")]
    [InlineData("2027-03-14T12:00:00Z", "2027-03-15", "2027-03-15T09:00:00Z")]
    // 29 March is after the clocks went forward: 09:00 BST.
    [InlineData("2027-03-28T12:00:00Z", "2027-03-29", "2027-03-29T08:00:00Z")]
    // Prescribed at 15:00 on its first day, after the reminder time: the baseline goes now, not never.
    [InlineData("2027-03-01T15:00:00Z", "2027-03-01", "2027-03-01T15:00:00Z")]
    // Days without one: the day after the start, the week between, and after the last one (12 April is past the end).
    [InlineData("2027-03-02T10:00:00Z", null, null)]
    [InlineData("2027-03-07T12:00:00Z", null, null)]
    [InlineData("2027-04-10T12:00:00Z", null, null)]
    public void The_questionnaire_comes_at_the_start_and_every_two_weeks_while_the_routine_runs(string now, string? day, string? dueUtc)
    {
        var rx = Guid.NewGuid();
        var schedule = new PatientSchedule(DaysOfWeek.Monday | DaysOfWeek.Thursday, 1, D("2027-03-01"), D("2027-04-11"));
        var input = new PrescriptionPlanInput(rx, 1, "Europe/London", new TimeOnly(9, 0), schedule, null, Announce: false) { TrackedSince = D("2027-03-01") };
        var planned = EmailSchedule.ForPrescription(input, Utc(now), TimeSpan.FromHours(48)).Where(p => p.Kind == EmailKind.Questionnaire).ToList();
        if (day is null)
        {
            Assert.Empty(planned);
            return;
        }
        var q = Assert.Single(planned);
        Assert.Equal(D(day), q.LocalDate);
        Assert.Equal(Utc(dueUtc!), q.DueAt);
        Assert.Equal($"questionnaire:{rx}:{day}", q.UniqueKey);
    }

    [Fact]
    public void A_routine_saved_with_a_start_in_the_past_is_not_nudged_for_days_before_it_was_saved()
    {
        var schedule = new PatientSchedule(DaysOfWeek.Every, 1, D("2027-05-01"), D("2027-05-31"));
        var input = new PrescriptionPlanInput(Guid.NewGuid(), 1, "Europe/London", new TimeOnly(8, 0), schedule, null, Announce: true)
        {
            TrackedSince = D("2027-05-10"),
        };
        var planned = EmailSchedule.ForPrescription(input, Utc("2027-05-10T10:00:00Z"), TimeSpan.FromHours(48));
        Assert.DoesNotContain(planned, p => p.Kind == EmailKind.Nudge);
        Assert.Equal(Utc("2027-05-10T10:00:00Z"), Assert.Single(planned, p => p.Kind == EmailKind.NewPrescription).DueAt);
    }

    [Theory]
    [InlineData("Europe/London", "2027-03-27T12:00:00Z", "2027-03-29T07:00:00Z", "2027-03-29")] // 08:00 BST, the day after the change
    [InlineData("America/New_York", "2026-11-01T00:00:00Z", "2026-11-02T13:00:00Z", "2026-11-02")] // 08:00 EST
    public void The_digest_goes_monday_at_8_in_the_clinic_s_time_zone(string zone, string now, string expectedUtc, string monday)
    {
        var planned = Assert.Single(EmailSchedule.ForClinician("user-1", zone, Utc(now), TimeSpan.FromHours(48)));
        Assert.Equal(Utc(expectedUtc), planned.DueAt);
        Assert.Equal($"digest:user-1:{monday}", planned.UniqueKey);
    }
}
