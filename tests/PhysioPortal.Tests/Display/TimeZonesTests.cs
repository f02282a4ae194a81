using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Display;

/// <summary>One list of time zones, canonical names only, on every form; stored aliases become canonical.</summary>
[Collection(PortalCollection.Name)]
public class TimeZonesTests(PortalFactory factory)
{
    [Fact]
    public void The_list_has_canonical_names_only_grouped_by_region_with_offsets()
    {
        var ids = TimeZones.Regions.SelectMany(r => r.Zones).Select(z => z.Id).ToList();
        Assert.All(ids, id => Assert.Equal(id, TimeZones.Canonical(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("Europe/Kyiv", ids);
        Assert.DoesNotContain("Europe/Kiev", ids);
        Assert.DoesNotContain("US/Eastern", ids);
        Assert.Contains("America/New_York", ids);
        Assert.Contains(TimeZones.Utc, ids);
        Assert.All(TimeZones.Regions, r => Assert.All(r.Zones, z => Assert.Equal(r.Name, z.Region)));
        Assert.Equal("America/New_York", TimeZones.Canonical("US/Eastern"));
        Assert.Equal("Europe/Kyiv", TimeZones.Canonical("Europe/Kiev"));
        Assert.Null(TimeZones.Canonical("Mars/Olympus_Mons"));

        var winter = NodaTime.Instant.FromUtc(2026, 1, 15, 12, 0);
        var zones = TimeZones.Regions.SelectMany(r => r.Zones).ToDictionary(z => z.Id);
        Assert.Equal("New York (UTC-05:00)", zones["America/New_York"].Label(winter));
        Assert.Equal("Kolkata (UTC+05:30)", zones["Asia/Kolkata"].Label(winter));
        Assert.Equal("Buenos Aires, Argentina (UTC-03:00)", zones["America/Argentina/Buenos_Aires"].Label(winter));
    }

    private static List<string> Offered(AngleSharp.Html.Dom.IHtmlDocument page, string selectId) =>
        page.QuerySelectorAll($"#{selectId} optgroup option").Select(o => o.GetAttribute("value")!).ToList();

    [Fact]
    public async Task New_patient_patient_settings_and_clinic_settings_offer_the_same_list_and_store_canonical_names()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = "US/Eastern");
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);

        var expected = TimeZones.Regions.SelectMany(r => r.Zones).Select(z => z.Id).ToList();
        var newPatient = (await admin.GetPageAsync("/clinic/patients/new")).Document;
        Assert.Equal(expected, Offered(newPatient, "Input_TimeZoneId"));
        Assert.Equal(TimeZones.Regions.Select(r => r.Name), newPatient.QuerySelectorAll("#Input_TimeZoneId optgroup").Select(g => g.GetAttribute("label")));
        Assert.NotNull(newPatient.QuerySelector("input[data-tz-filter-for=Input_TimeZoneId]"));
        Assert.Equal(expected, Offered((await admin.GetPageAsync("/admin/settings")).Document, "Input_TimeZoneId"));
        var settings = (await me.GetPageAsync("/me/settings")).Document;
        Assert.Equal(expected, Offered(settings, "Preferences_TimeZoneId"));
        // The stored alias shows as its canonical zone, selected.
        Assert.Equal("America/New_York", settings.QuerySelector("#Preferences_TimeZoneId option[selected]")!.GetAttribute("value"));

        var saved = await me.SubmitFormAsync("/me/settings?handler=Preferences",
            new Dictionary<string, string> { ["Preferences.TimeZoneId"] = "Europe/Kiev" }, "form[action*='handler=Preferences']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        await using var s = factory.SystemDb();
        Assert.Equal("Europe/Kyiv", (await s.Db.Patients.SingleAsync(p => p.Id == patient.Id)).TimeZoneId);
    }

    [Fact]
    public async Task The_migration_sql_renames_stored_aliases_and_leaves_canonical_names()
    {
        var clinic = await factory.ClinicAsync();
        var alias = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = "US/Eastern");
        var kiev = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = "Europe/Kiev");
        var fine = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = "Europe/Paris");
        await using var s = factory.SystemDb();
        await s.Db.Clinics.Where(c => c.Id == clinic.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.TimeZoneId, "GB"));

        await using (var tx = await s.Db.Database.BeginTransactionAsync())
        {
            await s.Db.Database.ExecuteSqlRawAsync(TimeZones.CanonicalUpdateSql());
            await tx.CommitAsync();
        }
        var zones = await s.Db.Patients.AsNoTracking().Where(p => p.ClinicId == clinic.Id).ToDictionaryAsync(p => p.Id, p => p.TimeZoneId);
        Assert.Equal("America/New_York", zones[alias.Id]);
        Assert.Equal("Europe/Kyiv", zones[kiev.Id]);
        Assert.Equal("Europe/Paris", zones[fine.Id]);
        Assert.Equal("Europe/London", await s.Db.Clinics.Where(c => c.Id == clinic.Id).Select(c => c.TimeZoneId).SingleAsync());
    }
}
