using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// Every calendar the portal serves (the signed-in download and the subscription feed), read by Mozilla's ical.js:
/// a recurring series at the patient's own reminder time in their zone, the same wall-clock hour on both sides of a
/// DST change, and a new prescription version replacing the event (same UID, higher SEQUENCE).
/// </summary>
[Collection(PortalCollection.Name)]
public class CalendarCheckerTests(PortalFactory factory)
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Both_calendars_show_the_patient_s_reminder_time_in_new_york_across_the_dst_change_in_ical_js()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.TimeZoneId = Zone;
            p.ReminderTime = new TimeOnly(7, 15); // the patient's own choice; the prescription says 08:00
        });
        // Monday 1 March 2027 for 4 weeks, Mon/Wed/Fri: New York moves to summer time on Sunday 14 March.
        var start = new DateOnly(2027, 3, 1);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, start, DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, weeks: 4);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        string token;
        await using (var s = factory.SystemDb())
        {
            token = new LinkTokens(s.Db, TimeProvider.System).Issue(TokenPurpose.Calendar, clinic.Id, patient.Id, TimeSpan.FromDays(1));
            await s.Db.SaveChangesAsync();
        }

        foreach (var (url, http) in new[] { ("/me/calendar.ics", client.Http), ($"/calendar/{token}.ics", factory.CreateClient()) })
        {
            var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var calendar = IcalJs.Expand(await response.Content.ReadAsStringAsync(), Zone, start, start.AddDays(35));

            Assert.Empty(calendar.Problems);
            Assert.Equal("PUBLISH", calendar.Method);
            Assert.Contains(Zone, calendar.Timezones);
            var series = Assert.Single(calendar.Events);
            Assert.True(series.Recurring, $"{url}: one recurring event, not one event a day");
            Assert.Equal(0, series.Sequence ?? 0);
            Assert.Equal(12, series.Occurrences.Count);
            Assert.All(series.Occurrences, o => Assert.EndsWith("T07:15", o.Local, StringComparison.Ordinal));
            Assert.All(series.Occurrences, o => Assert.Equal(20, o.Minutes));
            Assert.Equal(
                ["2027-03-01", "2027-03-03", "2027-03-05", "2027-03-08", "2027-03-10", "2027-03-12", "2027-03-15", "2027-03-17", "2027-03-19", "2027-03-22", "2027-03-24", "2027-03-26"],
                series.Occurrences.Select(o => o.Local[..10]));
            Assert.Equal("2027-03-12T12:15:00.000Z", series.Occurrences[5].Utc); // EST, UTC-5
            Assert.Equal("2027-03-15T11:15:00.000Z", series.Occurrences[6].Utc); // EDT, UTC-4
        }

        // A new version (Tuesdays and Thursdays now) replaces the event in the subscribed calendar.
        await using (var s = factory.SystemDb())
        {
            var template = await s.Db.RoutineTemplates.Include(t => t.Items).ThenInclude(i => i.Exercise).SingleAsync(t => t.ClinicId == null && t.Slug == "lower-back");
            var (_, version) = PrescriptionFromTemplate.Create(template, clinic.Id, patient.Id, "", "Test Clinician", start, new TimeOnly(8, 0),
                DateTimeOffset.UtcNow, DaysOfWeek.Tuesday | DaysOfWeek.Thursday, 4);
            version.PrescriptionId = rx.Id;
            version.Number = 2;
            s.Db.PrescriptionVersions.Add(version);
            await s.Db.SaveChangesAsync();
            await s.Db.Prescriptions.Where(p => p.Id == rx.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.CurrentVersionNumber, 2));
        }
        var updated = IcalJs.Expand(await factory.CreateClient().GetStringAsync($"/calendar/{token}.ics"), Zone, start, start.AddDays(35));
        var replaced = Assert.Single(updated.Events);
        Assert.Equal(1, replaced.Sequence);
        Assert.Equal($"{rx.Id:N}@physioportal", replaced.Uid);
        Assert.Equal(8, replaced.Occurrences.Count);
        Assert.All(replaced.Occurrences, o => Assert.Contains(DateOnly.ParseExact(o.Local[..10], "yyyy-MM-dd").DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Thursday }));
    }
}
