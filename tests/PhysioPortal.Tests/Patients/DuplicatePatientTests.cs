using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Patients;

/// <summary>One person, one record: the same address is refused in a clinic; the same name and birth date asks first.</summary>
[Collection(PortalCollection.Name)]
public class DuplicatePatientTests(PortalFactory factory)
{
    private const string NewUrl = "/clinic/patients/new";

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private async Task<(Guid ClinicId, PortalClient Client, Patient Existing)> ClinicWithPatientAsync()
    {
        var clinic = await factory.ClinicAsync();
        var existing = await factory.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = "Maria";
            p.DateOfBirth = new DateOnly(1980, 3, 14);
            p.Email = $"Maria.{TestData.Unique()}@Test.example";
        });
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        return (clinic.Id, client, existing);
    }

    private async Task<int> CountAsync(Guid clinicId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.Patients.CountAsync(p => p.ClinicId == clinicId);
    }

    [Fact]
    public async Task The_same_email_in_any_case_is_refused_with_a_link_to_the_record_that_has_it()
    {
        var (clinicId, client, existing) = await ClinicWithPatientAsync();
        var response = await client.SubmitFormAsync(NewUrl, new[]
        {
            F("Input.FirstName", "Someone"), F("Input.LastName", "Else"), F("Input.Email", "  " + existing.Email!.ToUpperInvariant() + " "),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already has this email address", page.QuerySelector("span[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal($"/clinic/patients/{existing.Id}", page.QuerySelector("#duplicate-email a")!.GetAttribute("href"));
        Assert.Equal("Someone", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_FirstName")!.Value); // nothing typed is lost
        Assert.Equal(1, await CountAsync(clinicId));

        // Editing another patient onto that address is refused too.
        var other = await factory.PatientAsync(clinicId);
        var edit = await client.SubmitFormAsync($"/clinic/patients/{other.Id}/edit", new[] { F("Input.Email", existing.Email!) });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("already has this email address", await edit.Content.ReadAsStringAsync());

        // Another clinic may have a patient with that address.
        var otherClinic = await factory.ClinicAsync();
        await factory.PatientAsync(otherClinic.Id, p => p.Email = existing.Email);
    }

    [Fact]
    public async Task The_database_refuses_a_second_record_with_the_same_address()
    {
        var (clinicId, _, existing) = await ClinicWithPatientAsync();
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => factory.PatientAsync(clinicId, p => p.Email = existing.Email!.ToLowerInvariant()));
        Assert.True(PatientDuplicates.IsDuplicateEmail(ex));
        await factory.PatientAsync(clinicId, p => p.Email = null);
        await factory.PatientAsync(clinicId, p => p.Email = null); // many patients without an address are fine
    }

    [Fact]
    public async Task The_same_name_and_birth_date_warns_with_a_link_and_adds_only_when_confirmed()
    {
        var (clinicId, client, existing) = await ClinicWithPatientAsync();
        var values = new List<KeyValuePair<string, string>>
        {
            F("Input.FirstName", "maria"), F("Input.LastName", existing.LastName.ToUpperInvariant()), F("Input.DateOfBirth", "1980-03-14"),
            F("Input.Email", $"{TestData.Unique()}@test.example"),
        };
        var response = await client.SubmitFormAsync(NewUrl, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        var warning = page.QuerySelector("#duplicate-person")!;
        Assert.Equal($"/clinic/patients/{existing.Id}", warning.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("14 Mar 1980", warning.TextContent);
        Assert.NotNull(warning.QuerySelector("input[name=ConfirmDifferentPerson]"));
        Assert.Equal(1, await CountAsync(clinicId));

        var confirmed = await client.PostPageAsync(page, NewUrl, [new("ConfirmDifferentPerson", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Response.StatusCode);
        Assert.Equal(2, await CountAsync(clinicId));
    }
}
