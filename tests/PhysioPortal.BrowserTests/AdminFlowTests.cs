using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

[Collection(BrowserCollection.Name)]
public class AdminFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>
    /// The jobs dashboard is Hangfire's own page (its markup, styles and scripts ship inside Hangfire.Core): it is scanned
    /// like every page, but these rules, broken by Hangfire's markup that the portal cannot change, are reported only.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> HangfireRelaxed = new Dictionary<string, string>
    {
        ["color-contrast"] = "Hangfire 1.8's Bootstrap 3 theme: grey #777 navbar links on #f8f8f8 (4.2:1), #428bca pager " +
                             "buttons (3.6:1) and the footer link (4.2:1); its stylesheet is embedded in Hangfire.Core",
        ["label"] = "Hangfire's job-list selection checkboxes (select all, one per recurring job) carry no label in its markup",
        [Accessibility.NuHtmlCheckerKey] = "Hangfire.Core writes the dashboard's HTML (a data: favicon link, a div inside an h3, " +
                                           "an h3 after the h1); the portal's own pages are all checked",
    };

    [Fact]
    public async Task Admin_opens_the_admin_page_and_the_platform_operator_the_jobs_dashboard()
    {
        var a11y = new Accessibility(output, "admin");
        var clinic = await browser.Portal.ClinicAsync();
        // The dashboard shows every clinic's jobs: only the configured platform operator (an admin account here) opens it.
        var admin = await browser.Portal.UserAsync(clinic.Id, Roles.Admin, email: PortalFactory.OperatorEmail);
        await a11y.RunAsync(async () =>
        {
            var page = a11y.Watch(await browser.NewPageAsync());

            await page.SignInAsync(a11y, admin.Email!);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await a11y.CheckAsync(page, "admin");

            await page.GetByRole(AriaRole.Link, new() { Name = "Background jobs of all clinics (Hangfire)" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/jobs");
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("PhysioPortal jobs"));
            await a11y.CheckAsync(page, "jobs", HangfireRelaxed);

            // The recurring jobs the portal registers are listed (the dashboard reads the real PostgreSQL storage).
            await page.GetByRole(AriaRole.Link, new() { Name = "Recurring Jobs" }).First.ClickAsync();
            await page.WaitForURLAsync("**/admin/jobs/recurring");
            await Assertions.Expect(page.GetByText(SendDueEmailsJob.RecurringId).First).ToBeVisibleAsync();
            await a11y.CheckAsync(page, "jobs-recurring", HangfireRelaxed);

            await page.Context.CloseAsync();
        });
    }
}
