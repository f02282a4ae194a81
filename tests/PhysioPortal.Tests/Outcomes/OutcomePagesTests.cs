using PhysioPortal.Core;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Outcomes;

/// <summary>Outcome measures through the real pages: the patient's PSFS, the clinician's paper totals and charts.</summary>
[Collection(PortalCollection.Name)]
public class OutcomePagesTests(PortalFactory factory)
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    private async Task<(PortalClient Patient, PortalClient Clinician, Guid PatientId, PortalUser ClinicianUser)> SetupAsync()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (clinician, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-14), clinicianUserId: user.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        return (client, clinician, patient.Id, user);
    }

    private async Task<List<OutcomeScore>> ScoresAsync(Guid patientId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.OutcomeScores.Where(o => o.PatientId == patientId).OrderBy(o => o.RecordedAt).ToListAsync();
    }

    [Fact]
    public async Task A_psfs_baseline_and_follow_up_show_improved_with_the_chart()
    {
        var x = await SetupAsync();
        var baseline = await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string>
        {
            ["Items[0].Activity"] = "Lifting my toddler", ["Items[0].Rating"] = "2",
            ["Items[1].Activity"] = "Sitting through a film", ["Items[1].Rating"] = "3",
            ["Items[2].Activity"] = "Gardening", ["Items[2].Rating"] = "4",
        });
        Assert.Equal(HttpStatusCode.Redirect, baseline.StatusCode);

        // The follow-up asks the same activities again, and the global rating of change.
        var (_, again) = await x.Patient.GetPageAsync("/me/outcomes");
        Assert.Equal(["Lifting my toddler", "Sitting through a film", "Gardening"], again.QuerySelectorAll(".psfs-item legend").Select(l => l.TextContent.Trim()));
        var followUp = await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string>
        {
            ["Items[0].Rating"] = "5", ["Items[1].Rating"] = "6", ["Items[2].Rating"] = "7", ["GlobalChange"] = "4",
        });
        Assert.Equal(HttpStatusCode.Redirect, followUp.StatusCode);
        var scores = await ScoresAsync(x.PatientId);
        Assert.Equal([3m, 6m], scores.Where(s => s.Measure == OutcomeMeasure.Psfs).Select(s => s.Score));

        var (response, page) = await x.Clinician.GetPageAsync($"/clinic/patients/{x.PatientId}/outcomes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var psfs = page.QuerySelector("[data-measure='Psfs']")!;
        Assert.Equal("improved", psfs.QuerySelector(".verdict")!.TextContent);
        Assert.NotNull(psfs.QuerySelector("svg .mic-band"));
        Assert.Equal(2, psfs.QuerySelectorAll("svg circle").Length);
        Assert.Equal("improved", page.QuerySelector("[data-measure='GlobalChange'] .verdict")!.TextContent);
    }

    [Fact]
    public async Task A_follow_up_that_shows_worse_raises_an_alert()
    {
        var x = await SetupAsync();
        await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string> { ["Items[0].Activity"] = "Walking", ["Items[0].Rating"] = "6" });
        await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string> { ["Items[0].Rating"] = "3", ["GlobalChange"] = "-3" });
        await using var s = factory.SystemDb();
        var alert = await s.Db.Alerts.SingleAsync(a => a.PatientId == x.PatientId);
        Assert.Equal(AlertKind.OutcomeWorse, alert.Kind);
        Assert.Equal(x.ClinicianUser.Id, alert.ClinicianUserId);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("six")]
    [InlineData("rating 11")]
    [InlineData("rating -1")]
    public async Task A_bad_psfs_is_refused_next_to_the_field_and_nothing_is_stored(string what)
    {
        var x = await SetupAsync();
        var values = what switch
        {
            "none" => new Dictionary<string, string> { ["Items[0].Rating"] = "5" },
            "six" => Enumerable.Range(0, 6).SelectMany(i => new[] { ($"Items[{i}].Activity", $"Activity {i}"), ($"Items[{i}].Rating", "5") }).ToDictionary(),
            "rating 11" => new Dictionary<string, string> { ["Items[0].Activity"] = "Walking", ["Items[0].Rating"] = "11" },
            _ => new Dictionary<string, string> { ["Items[0].Activity"] = "Walking", ["Items[0].Rating"] = "-1" },
        };
        var response = await x.Patient.SubmitFormAsync("/me/outcomes", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.QuerySelectorAll(".text-danger"), e => e.TextContent.Contains("activit", StringComparison.OrdinalIgnoreCase) || e.TextContent.Contains("Rate each"));
        Assert.Empty(await ScoresAsync(x.PatientId));
    }

    [Fact]
    public async Task A_follow_up_without_the_global_rating_is_refused()
    {
        var x = await SetupAsync();
        await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string> { ["Items[0].Activity"] = "Walking", ["Items[0].Rating"] = "6" });
        var response = await x.Patient.SubmitFormAsync("/me/outcomes", new Dictionary<string, string> { ["Items[0].Rating"] = "7", ["GlobalChange"] = "9" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("a very great deal worse", page.QuerySelector("#GlobalChange + .text-danger, select#GlobalChange ~ .text-danger")!.TextContent);
        Assert.Single(await ScoresAsync(x.PatientId));
    }

    [Theory]
    [InlineData("Odi", "101", null, null, null)]
    [InlineData("Rmdq", "25", null, null, null)]
    [InlineData("Other", "10", "", "0", "50")]
    [InlineData("Other", "60", "Neck Disability Index", "0", "50")]
    [InlineData("Other", "10", "NDI", "50", "0")]
    [InlineData("", "10", null, null, null)]
    public async Task A_paper_total_out_of_range_is_refused_and_nothing_is_stored(string measure, string score, string? name, string? min, string? max)
    {
        var x = await SetupAsync();
        var values = new Dictionary<string, string> { ["Paper.Measure"] = measure, ["Paper.Score"] = score };
        if (name is not null) values["Paper.Name"] = name;
        if (min is not null) values["Paper.RangeMin"] = min;
        if (max is not null) values["Paper.RangeMax"] = max;
        var response = await x.Clinician.SubmitFormAsync($"/clinic/patients/{x.PatientId}/outcomes", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await ScoresAsync(x.PatientId));
    }

    [Fact]
    public async Task Paper_totals_chart_from_baseline_and_another_clinic_gets_404()
    {
        var x = await SetupAsync();
        foreach (var score in new[] { "40", "28" })
        {
            var r = await x.Clinician.SubmitFormAsync($"/clinic/patients/{x.PatientId}/outcomes",
                new Dictionary<string, string> { ["Paper.Measure"] = "Odi", ["Paper.Score"] = score });
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var (_, page) = await x.Clinician.GetPageAsync($"/clinic/patients/{x.PatientId}/outcomes");
        Assert.Equal("improved", page.QuerySelector("[data-measure='Odi'] .verdict")!.TextContent);

        var other = await factory.ClinicAsync();
        var (stranger, _) = await factory.SignedInAsync(other.Id, Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/clinic/patients/{x.PatientId}/outcomes")).StatusCode);
    }
}
