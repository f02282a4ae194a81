using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PhysioPortal.Core;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

[Collection(BrowserCollection.Name)]
public partial class PatientFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [GeneratedRegex(@"https?://[^/\s]+(/invite/[A-Za-z0-9_\-]+)")]
    private static partial Regex InviteLink();

    [Fact]
    public async Task Patient_accepts_the_invitation_logs_a_session_on_a_phone_and_sees_it_in_history()
    {
        var a11y = new Accessibility(output, "patient");
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await browser.Portal.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = "Robin";
            p.Conditions = ConditionSet.LowerBack;
        });
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        await browser.Portal.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-3), clinicianUserId: clinician.Id);

        // The clinician sends the invitation from the patient's page.
        await a11y.RunAsync(async () =>
        {
            var clinicPage = a11y.Watch(await browser.NewPageAsync());
            await clinicPage.SignInAsync(a11y, clinician.Email!);
            await clinicPage.OpenAsync($"/clinic/patients/{patient.Id}");
            await a11y.CheckAsync(clinicPage, "clinic-patient");
            await clinicPage.GetByRole(AriaRole.Button, new() { Name = "Invite to the portal" }).ClickAsync();
            await Assertions.Expect(clinicPage.GetByRole(AriaRole.Status)).ToContainTextAsync(patient.Email!);
            await a11y.CheckAsync(clinicPage, "clinic-patient-invited");
            await clinicPage.Context.CloseAsync();

            var mail = Assert.Single(browser.Portal.MailTo(patient.Email!));
            var link = InviteLink().Match(mail.MessageParts[0].BodyData);
            Assert.True(link.Success, "no /invite/ link in the invitation email");

            // The patient, on a phone.
            var page = a11y.Watch(await browser.NewPageAsync(390, 844));
            await page.OpenAsync(link.Groups[1].Value);
            await a11y.CheckAsync(page, "invite");
            const string password = "four words in a row";
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
            await page.GetByLabel("Password again").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            await page.WaitForURLAsync("**/me");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Robin");
            await a11y.CheckAsync(page, "me");

            await page.GetByRole(AriaRole.Link, new() { Name = "Log today's session" }).ClickAsync();
            await page.WaitForURLAsync("**/me/log");
            await a11y.CheckAsync(page, "log");
            await page.Locator("label[for='PainBefore-4']").ClickAsync();
            await page.Locator("label[for='PainAfter-2']").ClickAsync();
            await page.GetByLabel("About right").CheckAsync();
            var note = "Felt looser afterwards " + TestData.Unique();
            await page.GetByLabel("A note for your clinician").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my session" }).ClickAsync();
            await page.WaitForURLAsync("**/me");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Today's session is logged");
            await a11y.CheckAsync(page, "me-logged");

            // History through the collapsed phone menu.
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await menu.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/me/history");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = note });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("4");
            await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("2");
            await a11y.CheckAsync(page, "history");

            await page.Context.CloseAsync();
        });
    }
}
