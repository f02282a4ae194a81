using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Rules that had several copies, now one: the stop signs in emails, a routine's length, "today".</summary>
public class OneRuleTests
{
    private static PatientEmailModel Model(bool pregnant) => new()
    {
        ClinicName = "Hill Street Physio",
        FirstName = "Ana",
        RoutineTitle = "Back routine",
        ClinicianName = "Dr Hill",
        DaysText = "Every day",
        StartDate = new DateOnly(2026, 12, 7),
        EndDate = PatientSchedule.EndDateOf(new DateOnly(2026, 12, 7), 4),
        PortalUrl = "http://localhost/me",
        LogUrl = "http://localhost/me/log",
        HandoutUrl = "http://localhost/me/handout.pdf",
        UnsubscribeUrl = "http://localhost/unsubscribe/x",
        IsPregnant = pregnant,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_new_prescription_email_carries_the_handout_s_stop_signs(bool pregnant)
    {
        var email = EmailComposer.NewPrescription(Model(pregnant));

        Assert.Contains(StopSigns.Title, email.Text, StringComparison.Ordinal);
        Assert.All(StopSigns.Always, sign => Assert.Contains(sign, email.Text, StringComparison.Ordinal));
        Assert.All(StopSigns.InPregnancy, sign => Assert.Equal(pregnant, email.Text.Contains(sign, StringComparison.Ordinal)));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(StopSigns.Always[0]), email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_routine_of_four_weeks_ends_on_the_day_before_the_fifth_week()
    {
        var schedule = PatientSchedule.Of(Core.Exercises.DaysOfWeek.Every, 2, new DateOnly(2026, 12, 7), 4);

        Assert.Equal(new DateOnly(2027, 1, 3), schedule.EndDate);
        Assert.Equal(28, schedule.ScheduledDates(schedule.StartDate, schedule.EndDate.AddDays(7)).Count());
        Assert.Equal(2, schedule.SessionsOn(new DateOnly(2027, 1, 3)));
        Assert.Equal(0, schedule.SessionsOn(new DateOnly(2027, 1, 4)));
        Assert.Equal(["once a day", "twice a day", "3 times a day"], new[] { 1, 2, 3 }.Select(PatientSchedule.SessionsText));
    }

    [Fact]
    public void Today_is_the_patient_s_the_clinic_s_or_utc_and_each_has_its_name()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 2), LocalDates.PatientToday("Pacific/Kiritimati", now)); // UTC+14: 00:30 on 2 December
        Assert.Equal(new DateOnly(2026, 11, 30), LocalDates.ClinicToday("Pacific/Pago_Pago", now)); // UTC-11: 23:30 on 30 November
        Assert.Equal(new DateOnly(2026, 12, 1), LocalDates.UtcToday(now));
        Assert.Equal(new DateOnly(2026, 12, 1), LocalDates.PatientToday("Not/A_Zone", now)); // unknown zone: UTC
    }
}
