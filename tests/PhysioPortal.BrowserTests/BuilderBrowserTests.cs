using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

/// <summary>The builder on a phone: a live dosage line, the warnings announced at the top, one tick per warning.</summary>
[Collection(BrowserCollection.Name)]
public class BuilderBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task On_a_phone_the_dosage_line_follows_the_fields_and_each_warning_gets_its_own_tick()
    {
        var a11y = new Accessibility(output, "builder");
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await browser.Portal.PatientAsync(clinic.Id, p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(140); // second trimester: warnings
        });
        await a11y.RunAsync(async () =>
        {
            var page = a11y.Watch(await browser.NewPageAsync(390, 844));
            await page.SignInAsync(a11y, clinician.Email!);
            await page.OpenAsync($"/clinic/patients/{patient.Id}/prescribe");

            // The first item: its line changes as the sets and the hold change, before anything is posted.
            var first = page.Locator(".builder-item").First;
            var line = first.Locator(".dosage-line");
            await first.Locator("input[name$='.Sets']").FillAsync("3");
            await Assertions.Expect(line).ToContainTextAsync("3 sets");
            await first.Locator("input[name$='.HoldMinSeconds']").FillAsync("20");
            await first.Locator("input[name$='.HoldMaxSeconds']").FillAsync("40");
            await Assertions.Expect(line).ToContainTextAsync("hold 20–40 s");
            await first.Locator("select[name$='.Sides']").SelectOptionAsync("EachSide");
            await Assertions.Expect(line).ToContainTextAsync("each side");

            // A face-down exercise for a pregnant patient (the template's own risky ones come already swapped).
            await page.Locator("input[name='Find.Q']").FillAsync("prone press");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add Prone Press-Ups" }).ClickAsync();
            await Assertions.Expect(page.Locator(".builder-item").Last).ToContainTextAsync("Prone Press-Ups");

            // Save once: the warnings come back, announced at the top of the page with a link down to them.
            await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            var summary = page.Locator("#warnings-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync();
            var box = await summary.BoundingBoxAsync();
            Assert.True(box!.Y < 844, $"the warnings summary starts at {box.Y} px, below the first screen");
            await a11y.CheckAsync(page, "builder-warnings");
            var ticks = page.Locator("#warnings input[type=checkbox]");
            var count = await ticks.CountAsync();
            Assert.True(count >= 1, "each warning with its own tick");
            Assert.Equal(count, await page.Locator("#warnings li").CountAsync());
            await summary.GetByRole(AriaRole.Link, new() { Name = "Read the warnings" }).ClickAsync();
            await Assertions.Expect(page.Locator("#warnings")).ToBeInViewportAsync();

            for (var i = 0; i < count; i++) await ticks.Nth(i).CheckAsync();
            // The posted page kept the changed dosage; the line still says so.
            await Assertions.Expect(page.Locator(".builder-item").First.Locator(".dosage-line")).ToContainTextAsync("3 sets");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            await page.WaitForURLAsync($"**/clinic/patients/{patient.Id}");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Prescription saved");
            await page.Context.CloseAsync();
        });
    }
}
