using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// Sessions live on the server: a copy of a cookie (another browser, a stolen cookie) stops working the moment its
/// session is ended — by signing out, a password change or reset, a change of two-step sign-in, erasure, or an admin.
/// </summary>
[Collection(PortalCollection.Name)]
public class SessionTests(PortalFactory factory)
{
    /// <summary>Signs in on a fresh client and returns it with a second client that only carries a copy of the cookie.</summary>
    private async Task<(PortalClient Original, HttpClient Copy)> SignInWithCopyAsync(string email, string password = TestData.Password)
    {
        var client = factory.Client();
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("physioportal.auth=", StringComparison.Ordinal));
        var copy = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return (client, copy);
    }

    private static bool SignedOut(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_session_signs_out()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var (original, copy) = await SignInWithCopyAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/clinic/patients")).StatusCode);

        await using (var s = factory.SystemDb())
        {
            var row = await s.Db.UserSessions.SingleAsync(x => x.UserId == user.Id);
            Assert.DoesNotContain(user.DisplayName, System.Text.Encoding.UTF8.GetString(row.Ticket)); // the stored ticket is encrypted
        }

        var signOut = await original.SubmitFormAsync("/Identity/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.True(SignedOut(await copy.GetAsync("/clinic/patients")));
        await using var after = factory.SystemDb();
        Assert.False(await after.Db.UserSessions.AnyAsync(x => x.UserId == user.Id));
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var user = await factory.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var (here, _) = await SignInWithCopyAsync(user.Email!);
        var (_, elsewhere) = await SignInWithCopyAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/me")).StatusCode);

        var changed = await here.SubmitFormAsync("/me/settings", new Dictionary<string, string>
        {
            ["Password.Current"] = TestData.Password, ["Password.New"] = "another-long-passphrase", ["Password.Confirm"] = "another-long-passphrase",
        }, "main form[action*='handler=Password']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.True(SignedOut(await elsewhere.GetAsync("/me")));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var (_, copy) = await SignInWithCopyAsync(user.Email!);
        string token;
        await using (var s = factory.SystemDb())
        {
            var users = s.Services.GetRequiredService<UserManager<PortalUser>>();
            token = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(user.Id))!);
        }
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));
        var reset = await factory.Client().SubmitFormAsync($"/Identity/Account/ResetPassword?code={code}&email={Uri.EscapeDataString(user.Email!)}",
            new Dictionary<string, string> { ["Input.Password"] = "a-brand-new-passphrase", ["Input.ConfirmPassword"] = "a-brand-new-passphrase" });
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync());
        Assert.True(SignedOut(await copy.GetAsync("/clinic")));
    }

    [Fact]
    public async Task Erasure_ends_the_patient_s_session_at_once()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var user = await factory.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var (_, copy) = await SignInWithCopyAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/me")).StatusCode);
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var erased = await admin.SubmitFormAsync($"/admin/patients/{patient.Id}/erase", new Dictionary<string, string> { ["Confirmation"] = "ERASE" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        Assert.True(SignedOut(await copy.GetAsync("/me")));
        Assert.True(SignedOut(await copy.GetAsync("/me/settings")));
    }

    [Fact]
    public async Task Turning_on_two_step_sign_in_ends_the_other_sessions()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var (here, _) = await SignInWithCopyAsync(user.Email!);
        var (_, elsewhere) = await SignInWithCopyAsync(user.Email!);
        var (_, setup) = await here.GetPageAsync("/Identity/Account/Manage/TwoFactor");
        var key = setup.QuerySelector("#shared-key")!.TextContent;
        var (on, _) = await here.PostPageAsync(setup, "/Identity/Account/Manage/TwoFactor?handler=Enable", [new("Code", TwoFactorTests.Totp(key, DateTimeOffset.UtcNow))], "main form");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);

        Assert.True(SignedOut(await elsewhere.GetAsync("/clinic")));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/clinic")).StatusCode);
    }

    [Fact]
    public async Task A_patient_sees_their_sessions_and_signs_out_the_others()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var user = await factory.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var (here, _) = await SignInWithCopyAsync(user.Email!);
        var (_, elsewhere) = await SignInWithCopyAsync(user.Email!);

        var (page, doc) = await here.GetPageAsync("/Identity/Account/Manage/Sessions");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, doc.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("this browser", doc.QuerySelector("tbody")!.TextContent);

        var others = await here.SubmitFormAsync("/Identity/Account/Manage/Sessions", new Dictionary<string, string>(), "main form[action*='handler=Others']");
        Assert.Equal(HttpStatusCode.Redirect, others.StatusCode);
        Assert.True(SignedOut(await elsewhere.GetAsync("/me")));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/me")).StatusCode);

        var everywhere = await here.SubmitFormAsync("/Identity/Account/Manage/Sessions", new Dictionary<string, string>(), "main form[action*='handler=Everywhere']");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.True(SignedOut(await here.GetAsync("/me")));
    }

    [Fact]
    public async Task An_admin_ends_a_staff_member_s_sessions_but_not_another_clinic_s()
    {
        var clinic = await factory.ClinicAsync();
        var other = await factory.ClinicAsync();
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var stranger = await factory.UserAsync(other.Id, Roles.Clinician);
        var (_, copy) = await SignInWithCopyAsync(clinician.Email!);
        var (_, strangerCopy) = await SignInWithCopyAsync(stranger.Email!);
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);

        var (_, home) = await admin.GetPageAsync("/admin");
        Assert.Contains("1 browser", home.Body!.TextContent);
        var ended = await admin.SubmitFormAsync("/admin", new Dictionary<string, string>(), $"main form[action*='userId={clinician.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.True(SignedOut(await copy.GetAsync("/clinic")));

        // Another clinic's staff member is not this admin's to sign out.
        var (_, again) = await admin.GetPageAsync("/admin");
        var (refused, _) = await admin.PostPageAsync(again, $"/admin?handler=EndSessions&userId={stranger.Id}", [], "main form[action*='handler=EndSessions']");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await strangerCopy.GetAsync("/clinic")).StatusCode);
    }
}
