using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Prescribing plans the right rows on PostgreSQL, in the patient's time zone, across both DST changes.</summary>
[Collection(PortalCollection.Name)]
public class PlanningTests(PortalFactory factory)
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Saves a prescription through <see cref="PrescriptionService"/>, whose hook plans the emails.</summary>
    private async Task<(Guid PrescriptionId, RecordingJobClient Jobs)> PrescribeAsync(Patient patient, FakeClock clock, string reminder,
        DateOnly start, uint? rowVersion = null, int weeks = 2)
    {
        await using var s = factory.SystemDb();
        var jobs = new RecordingJobClient();
        var hooks = new EmailPlanningHooks(ReminderTestData.Planner(s.AllClinics, clock), jobs, NullLogger<EmailPlanningHooks>.Instance);
        var service = new PrescriptionService(s.Db, clock, [hooks]);
        var exercises = await s.Db.Exercises.Where(e => e.ClinicId == null && e.Cautions == CautionTags.None).OrderBy(e => e.Slug).Take(2).ToListAsync();
        var draft = new PrescriptionDraft("Lower back routine", null, DaysOfWeek.Every, 1,
            TimeOnly.Parse(reminder, System.Globalization.CultureInfo.InvariantCulture), start, weeks, null,
            exercises.Select(e => new DraftItem(e.Id, e.DefaultDosage, null)).ToList());
        var outcome = await service.SaveAsync(patient.Id, draft, rowVersion, null, "clinician-1", "Dr Planner");
        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        return (saved.PrescriptionId, jobs);
    }

    private async Task<Patient> PatientInAsync(string zone, string reminder)
    {
        var clinic = await factory.ClinicAsync();
        return await factory.PatientAsync(clinic.Id, p =>
        {
            p.TimeZoneId = zone;
            p.ReminderTime = TimeOnly.Parse(reminder, System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    [Fact]
    public async Task London_spring_forward_a_0130_reminder_goes_at_0200_local_and_topping_up_adds_no_duplicates()
    {
        // London's clocks jump from 01:00 GMT to 02:00 BST; a time in the gap goes at the end of the gap.
        var patient = await PatientInAsync("Europe/London", "01:30");
        var clock = FakeClock.At("2027-03-26T12:00:00Z");
        var (rx, jobs) = await PrescribeAsync(patient, clock, "01:30", D("2027-03-26"));

        var rows = await factory.RowsAsync(patient.Id);
        Assert.Equal(
        [
            (EmailKind.NewPrescription, Utc("2027-03-26T12:00:00Z"), $"new-prescription:{rx}:v1"),
            // The first day's questionnaire, found after its time (prescribed at noon): it goes now.
            (EmailKind.Questionnaire, Utc("2027-03-26T12:00:00Z"), $"questionnaire:{rx}:2027-03-26"),
            (EmailKind.Reminder, Utc("2027-03-27T01:30:00Z"), $"reminder:{rx}:2027-03-27"), // GMT
            (EmailKind.Reminder, Utc("2027-03-28T01:00:00Z"), $"reminder:{rx}:2027-03-28"), // 01:30 does not exist: 02:00 BST
        ], rows.Select(r => (r.Kind, r.DueAt, r.UniqueKey)).ToList());
        Assert.All(rows, r => Assert.Equal(EmailState.Pending, r.State));
        // The new-prescription email is due now, so the sender job is enqueued at once.
        Assert.Equal(nameof(SendDueEmailsJob), Assert.Single(jobs.Enqueued).Type.Name);

        // Two days later the top-up fills the window; planning again changes nothing.
        clock.Now = Utc("2027-03-28T12:00:00Z");
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Planner(s.AllClinics, clock).TopUpAsync();
            await ReminderTestData.Planner(s.AllClinics, clock).TopUpAsync();
        }
        rows = await factory.RowsAsync(patient.Id);
        Assert.Equal(
        [
            Utc("2027-03-27T01:30:00Z"), Utc("2027-03-28T01:00:00Z"), Utc("2027-03-29T00:30:00Z"), Utc("2027-03-30T00:30:00Z"),
        ], rows.Where(r => r.Kind == EmailKind.Reminder).Select(r => r.DueAt).ToList());
        Assert.Single(rows, r => r.Kind == EmailKind.NewPrescription);
        Assert.Single(rows, r => r.Kind == EmailKind.Questionnaire);
        await factory.CancelPendingAsync(patient.Id);
    }

    [Fact]
    public async Task London_fall_back_a_0130_reminder_goes_once_at_the_first_0130()
    {
        var patient = await PatientInAsync("Europe/London", "01:30");
        var clock = FakeClock.At("2026-10-24T12:00:00Z");
        var (rx, _) = await PrescribeAsync(patient, clock, "01:30", D("2026-10-24"));
        var reminders = (await factory.RowsAsync(patient.Id)).Where(r => r.Kind == EmailKind.Reminder).ToList();
        Assert.Equal(
        [
            (D("2026-10-25"), Utc("2026-10-25T00:30:00Z")), // 01:30 BST, the first of the two
            (D("2026-10-26"), Utc("2026-10-26T01:30:00Z")), // 01:30 GMT
        ], reminders.Select(r => (r.LocalDate!.Value, r.DueAt)).ToList());
        await factory.CancelPendingAsync(patient.Id);
    }

    [Fact]
    public async Task New_York_spring_forward_and_fall_back()
    {
        var spring = await PatientInAsync("America/New_York", "02:30");
        var springClock = FakeClock.At("2027-03-13T12:00:00Z");
        await PrescribeAsync(spring, springClock, "02:30", D("2027-03-13"));
        Assert.Equal(
        [
            (D("2027-03-14"), Utc("2027-03-14T07:00:00Z")), // 02:30 does not exist: 03:00 EDT
            (D("2027-03-15"), Utc("2027-03-15T06:30:00Z")), // 02:30 EDT
        ], (await factory.RowsAsync(spring.Id)).Where(r => r.Kind == EmailKind.Reminder).Select(r => (r.LocalDate!.Value, r.DueAt)).ToList());

        var fall = await PatientInAsync("America/New_York", "01:30");
        var fallClock = FakeClock.At("2026-10-31T12:00:00Z");
        await PrescribeAsync(fall, fallClock, "01:30", D("2026-10-31"));
        Assert.Equal(
        [
            (D("2026-11-01"), Utc("2026-11-01T05:30:00Z")), // 01:30 EDT, once (01:30 EST is not used)
            (D("2026-11-02"), Utc("2026-11-02T06:30:00Z")), // 01:30 EST
        ], (await factory.RowsAsync(fall.Id)).Where(r => r.Kind == EmailKind.Reminder).Select(r => (r.LocalDate!.Value, r.DueAt)).ToList());
        await factory.CancelPendingAsync(spring.Id);
        await factory.CancelPendingAsync(fall.Id);
    }

    [Fact]
    public async Task A_new_version_re_plans_and_withdrawn_consent_or_archiving_cancels_what_is_pending()
    {
        var patient = await PatientInAsync("Europe/London", "08:00");
        var clock = FakeClock.At("2027-06-01T12:00:00Z");
        var (rx, _) = await PrescribeAsync(patient, clock, "08:00", D("2027-06-01"));
        Assert.Equal(2, (await factory.RowsAsync(patient.Id)).Count(r => r.Kind == EmailKind.Reminder && r.State == EmailState.Pending));

        // The patient moves reminders to 18:00 and the clinician saves version 2: the 08:00 rows move, v2 is announced.
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.ReminderTime, new TimeOnly(18, 0)));
        }
        uint rowVersion;
        await using (var s = factory.SystemDb())
        {
            rowVersion = (await s.Db.Prescriptions.AsNoTracking().SingleAsync(p => p.Id == rx)).RowVersion;
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        await PrescribeAsync(patient, clock, "18:00", D("2027-06-01"), rowVersion);
        var rows = await factory.RowsAsync(patient.Id);
        Assert.Equal(
        [
            (D("2027-06-01"), Utc("2027-06-01T17:00:00Z")), (D("2027-06-02"), Utc("2027-06-02T17:00:00Z")), (D("2027-06-03"), Utc("2027-06-03T07:00:00Z")),
        ], rows.Where(r => r.Kind == EmailKind.Reminder).Select(r => (r.LocalDate!.Value, r.DueAt)).ToList());
        // 2 June moved to 18:00 BST (same row); 3 June 08:00 was beyond the first window and is cancelled now, 1 June 18:00 is new.
        Assert.Equal(EmailState.Cancelled, rows.Single(r => r.UniqueKey == $"reminder:{rx}:2027-06-03").State);
        Assert.Equal(EmailState.Pending, rows.Single(r => r.UniqueKey == $"reminder:{rx}:2027-06-02").State);
        Assert.Equal(2, rows.Count(r => r.Kind == EmailKind.NewPrescription));

        // Consent withdrawn (the settings page tells the planner): everything pending is cancelled.
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.EmailConsent, false));
            await ReminderTestData.Planner(s.AllClinics, clock).PlanPatientAsync(patient.Id);
        }
        rows = await factory.RowsAsync(patient.Id);
        Assert.DoesNotContain(rows, r => r.State == EmailState.Pending);
        Assert.Contains(rows, r => r.LastError == EmailPlanner.Reasons.NoConsent);

        // Consent back: the future reminders come back (revived, not duplicated). Then archiving: the top-up cancels.
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.EmailConsent, true));
            await ReminderTestData.Planner(s.AllClinics, clock).PlanPatientAsync(patient.Id);
        }
        rows = await factory.RowsAsync(patient.Id);
        Assert.Equal(2, rows.Count(r => r.Kind == EmailKind.Reminder && r.State == EmailState.Pending));
        Assert.Equal(rows.Count, rows.Select(r => r.UniqueKey).Distinct().Count());
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.ArchivedAt, clock.Now));
            await ReminderTestData.Planner(s.AllClinics, clock).TopUpAsync();
        }
        rows = await factory.RowsAsync(patient.Id);
        Assert.DoesNotContain(rows, r => r.State == EmailState.Pending);
        Assert.Contains(rows, r => r.LastError == EmailPlanner.Reasons.Archived);
    }
}
