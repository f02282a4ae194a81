using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

[Collection(BrowserCollection.Name)]
public partial class ClinicianFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [GeneratedRegex(@"/clinic/patients/[0-9a-f\-]{36}$")]
    private static partial Regex PatientPath();

    [Fact]
    public async Task Clinician_creates_a_patient_prescribes_the_sciatica_routine_and_downloads_the_handout()
    {
        var a11y = new Accessibility(output, "clinician");
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        await a11y.RunAsync(async () =>
        {
            var page = a11y.Watch(await browser.NewPageAsync());

            await page.SignInAsync(a11y, clinician.Email!);
            await a11y.CheckAsync(page, "clinic-home");

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Patients", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/clinic/patients");
            await a11y.CheckAsync(page, "patients");

            // The new-patient form, filled as a person would.
            await page.OpenAsync("/clinic/patients/new");
            await a11y.CheckAsync(page, "new-patient");
            var last = "Browser" + TestData.Unique();
            var email = $"browser-{TestData.Unique()}@test.example";
            await page.Locator("[name='Input.FirstName']").FillAsync("Sam");
            await page.Locator("[name='Input.LastName']").FillAsync(last);
            await page.Locator("[name='Input.Email']").FillAsync(email);
            await page.Locator("[name='Input.TimeZoneId']").SelectOptionAsync("Europe/London");
            await page.GetByLabel("Sciatica", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Left", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add patient" }).ClickAsync();
            await page.WaitForURLAsync(PatientPath());
            var patientPath = page.PathOf();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Sam {last}");
            await a11y.CheckAsync(page, "patient");

            // The builder: the sciatica routine, then save.
            await page.GetByRole(AriaRole.Link, new() { Name = "Prescribe a routine" }).ClickAsync();
            await page.WaitForURLAsync("**/prescribe");
            await a11y.CheckAsync(page, "prescribe");
            await page.Locator("#templateSlug").SelectOptionAsync("sciatica");
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this routine" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            await Assertions.Expect(page.Locator(".builder-item").First).ToBeVisibleAsync();
            await a11y.CheckAsync(page, "prescribe-sciatica");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            if (page.PathOf() != patientPath && await page.Locator("#warnings").IsVisibleAsync())
            {
                // Safety warnings for this patient: scanned too, then acknowledged as a clinician would.
                await a11y.CheckAsync(page, "prescribe-warnings");
                await page.Locator("#ack").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            }
            await page.WaitForURLAsync(PatientPath());
            Assert.Equal(patientPath, page.PathOf());
            await Assertions.Expect(page.Locator("#rx-heading + p")).ToContainTextAsync("version 1");
            await a11y.CheckAsync(page, "patient-prescribed");

            // "Print handout" opens the PDF inline: fetched with the page's own cookies.
            var printHref = await page.GetByRole(AriaRole.Link, new() { Name = "Print handout" }).GetAttributeAsync("href");
            Assert.Matches(@"^/clinic/prescriptions/[0-9a-f\-]{36}/handout\.pdf$", printHref);
            var inline = await page.APIRequest.GetAsync(printHref!);
            Assert.Equal(200, inline.Status);
            Assert.Equal("application/pdf", inline.Headers["content-type"]);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await inline.BodyAsync())[..4]));

            // The version page's "Download handout" saves the file.
            await page.GetByRole(AriaRole.Link, new() { Name = "v1", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/versions/1");
            await a11y.CheckAsync(page, "version");
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "Download handout (PDF)" }).ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
            await using (var stream = await download.CreateReadStreamAsync())
            {
                var head = new byte[5];
                await stream.ReadExactlyAsync(head);
                Assert.Equal("%PDF-", Encoding.ASCII.GetString(head));
            }
            output.WriteLine($"Handout downloaded as {download.SuggestedFilename}");

            await page.Context.CloseAsync();
        });
    }
}
