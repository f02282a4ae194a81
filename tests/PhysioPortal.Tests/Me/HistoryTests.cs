using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Me;

/// <summary>The patient's history says what changed and labels its chart with distinct dates.</summary>
[Collection(PortalCollection.Name)]
public class HistoryTests(PortalFactory factory)
{
    private async Task<PortalClient> PatientWithLogsAsync(params (int DaysAgo, int Session, int Before, int After)[] logs)
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-20), sessionsPerDay: 2);
        await using (var s = factory.SystemDb())
        {
            var versionId = s.Db.PrescriptionVersions.Single(v => v.PrescriptionId == rx.Id).Id;
            foreach (var (daysAgo, session, before, after) in logs)
            {
                s.Db.SessionLogs.Add(new SessionLog
                {
                    Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = versionId,
                    LocalDate = today.AddDays(-daysAgo), Session = session, PainBefore = before, PainAfter = after,
                    LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                });
            }
            await s.Db.SaveChangesAsync();
        }
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        return client;
    }

    [Fact]
    public async Task One_session_5_to_3_reads_as_down_2_with_one_date_on_the_axis()
    {
        var client = await PatientWithLogsAsync((0, 1, 5, 3));
        var (_, page) = await client.GetPageAsync("/me/history");
        var summary = page.QuerySelector("h1 + p")!.TextContent;
        Assert.Contains("5 → 3/10", summary);
        Assert.Contains("down 2", summary);
        Assert.DoesNotContain("unchanged", summary);
        Assert.Single(page.QuerySelectorAll("svg .date-tick"));
    }

    [Fact]
    public async Task Axis_labels_are_distinct_dates_when_a_day_has_two_sessions()
    {
        var client = await PatientWithLogsAsync((1, 1, 6, 5), (1, 2, 5, 4), (0, 1, 4, 3), (0, 2, 4, 2));
        var (_, page) = await client.GetPageAsync("/me/history");
        var ticks = page.QuerySelectorAll("svg .date-tick").Select(t => t.TextContent).ToList();
        Assert.Equal(2, ticks.Count);
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        Assert.Contains("6 → 4/10 since the first session (down 2)", page.QuerySelector("h1 + p")!.TextContent);
    }

    [Fact]
    public void Many_days_get_distinct_spaced_labels_with_the_first_and_last()
    {
        var start = new DateOnly(2026, 11, 1);
        var points = Enumerable.Range(0, 60).Select(i => (start.AddDays(i / 2), 36 + i * 592 / 59.0)).ToList();
        var ticks = PhysioPortal.Web.Pages.Me.HistoryModel.DateTicks(points, 36, 628).ToList();
        Assert.Equal(ticks.Count, ticks.Select(t => t.Date).Distinct().Count());
        Assert.Equal(start, ticks[0].Date);
        Assert.Equal(start.AddDays(29), ticks[^1].Date);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True(p.Second.X - p.First.X >= 90));
    }
}
