using System.Net;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Identity;

[Collection(PortalCollection.Name)]
public class SignInTests(PortalFactory factory)
{
    [Theory]
    [InlineData("/clinic")]
    [InlineData("/clinic/library")]
    [InlineData("/me")]
    [InlineData("/admin")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string url)
    {
        var response = await factory.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_clinician_signs_in_with_the_right_password_and_reaches_the_clinic()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var client = factory.Client();

        var response = await client.SignInAsync(user.Email!, TestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);

        var landing = await client.GetAsync("/");
        Assert.Equal("/clinic", landing.Headers.Location!.OriginalString);
        var home = await client.GetAsync("/clinic");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(clinic.Name, await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var client = factory.Client();

        var response = await client.SignInAsync(user.Email!, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync());
        var clinicPage = await client.GetAsync("/clinic");
        Assert.Equal(HttpStatusCode.Redirect, clinicPage.StatusCode);
    }

    [Fact]
    public async Task A_patient_is_refused_the_clinic_pages()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);

        var response = await client.GetAsync("/clinic");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var denied = await client.GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var me = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_clinician_is_refused_the_admin_pages()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var response = await client.GetAsync("/admin");
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_needs_a_post()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var get = await client.GetAsync("/Identity/Account/Logout");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinic")).StatusCode);

        var post = await client.SubmitFormAsync("/Identity/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/clinic")).StatusCode);
    }

    [Fact]
    public async Task The_sign_out_button_in_the_page_header_signs_out()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var post = await client.SubmitFormAsync("/clinic", new Dictionary<string, string>(), "header form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/clinic")).StatusCode);
    }

    [Fact]
    public async Task A_short_new_password_is_refused_beside_the_field()
    {
        var response = await factory.Client().SubmitFormAsync("/Identity/Account/ResetPassword?code=abc&email=x%40y.example", new Dictionary<string, string>
        {
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 12 characters", await response.Content.ReadAsStringAsync());
    }
}

[Collection(PortalCollection.Name)]
public class PasswordResetTests(PortalFactory factory)
{
    [Fact]
    public async Task Forgot_password_sends_a_link_that_sets_a_new_password()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var client = factory.Client();

        var asked = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("we have sent it a link", await asked.Content.ReadAsStringAsync());

        // The page only queued the email (so it answers as fast for unknown addresses); the job sends it.
        Assert.Empty(factory.MailTo(user.Email!));
        await factory.RunQueuedPasswordResetEmailsAsync(user.Id);
        var mail = Assert.Single(factory.MailTo(user.Email!));
        var text = mail.MessageParts.First(p => p.HeaderData.Contains("text/plain")).BodyData;
        var link = System.Text.RegularExpressions.Regex.Match(text, @"http://localhost(/Identity/Account/ResetPassword\?\S+)").Groups[1].Value;
        Assert.NotEmpty(link);

        Assert.DoesNotContain("email=", link, StringComparison.OrdinalIgnoreCase); // the address is typed, never in the URL
        var reset = await client.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = "a-brand-new-passphrase",
            ["Input.ConfirmPassword"] = "a-brand-new-passphrase",
        });
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await factory.Client().SignInAsync(user.Email!, TestData.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().SignInAsync(user.Email!, "a-brand-new-passphrase")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_email()
    {
        var address = $"nobody-{TestData.Unique()}@test.example";
        var asked = await factory.Client().SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = address });
        Assert.Contains("we have sent it a link", await asked.Content.ReadAsStringAsync());
        Assert.Empty(factory.MailTo(address));
    }
}
