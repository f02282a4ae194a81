using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// The Hangfire dashboard shows and controls every clinic's jobs: clinic admins never get in; a configured platform
/// operator does, under the two-step rule of their clinic. Its JSON statistics endpoint answers a wrong method with 405.
/// </summary>
[Collection(PortalCollection.Name)]
public class DashboardTests(PortalFactory factory)
{
    [Fact]
    public async Task A_clinic_admin_can_neither_see_nor_change_the_jobs_of_all_clinics()
    {
        var clinic = await factory.ClinicAsync();
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        foreach (var url in new[] { "/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/stats" })
        {
            var response = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
        var remove = await admin.Http.PostAsync("/admin/jobs/recurring/remove", new FormUrlEncodedContent([new("jobs[]", "emails-plan-window")]));
        Assert.NotEqual(HttpStatusCode.OK, remove.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, remove.StatusCode);
        var (home, page) = await admin.GetPageAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Null(page.QuerySelector("a[href='/admin/jobs']"));
    }

    [Fact]
    public async Task The_platform_operator_gets_the_dashboard_only_under_the_clinic_s_two_step_rule()
    {
        var clinic = await factory.ClinicAsync();
        await factory.UserAsync(clinic.Id, Roles.Admin, email: PortalFactory.OperatorEmail);
        var client = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(PortalFactory.OperatorEmail, TestData.Password)).StatusCode);

        var recurring = await client.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        Assert.Contains("emails-plan-window", await recurring.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, home) = await client.GetPageAsync("/admin");
        Assert.NotNull(home.QuerySelector("a[href='/admin/jobs']"));
        // The statistics endpoint is POST-only JSON: a GET is a wrong method, not a server error.
        var stats = await client.GetAsync("/admin/jobs/stats");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, stats.StatusCode);

        // The clinic now requires two-step sign-in, which this operator has not set up: no dashboard.
        await using (var s = factory.SystemDb())
        {
            await s.Db.Clinics.Where(c => c.Id == clinic.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.RequireTwoFactor, true));
        }
        var refused = await client.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.DoesNotContain("emails-plan-window", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
