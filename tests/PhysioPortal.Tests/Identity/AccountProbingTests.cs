using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.Tests.Identity;

/// <summary>
/// Nobody learns from the sign-in and reset pages whether an address has an account (not from the words, not from the
/// time taken), wrong tries make an address wait a little longer each time instead of locking it for everyone, and every
/// place that checks a password or code counts towards the same delay.
/// </summary>
[Collection(PortalCollection.Name)]
public class AccountProbingTests(PortalFactory factory, ITestOutputHelper output)
{
    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private async Task ForgetFailuresAsync(string email)
    {
        await using var s = factory.SystemDb();
        var key = AccountThrottle.KeyFor(email);
        await s.Db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>Times the POST alone (the form is read once), alternating the two kinds so load falls on both alike.</summary>
    private async Task<(List<double> Known, List<double> Unknown, string KnownText, string UnknownText)> TimeAsync(
        string url, Func<int, (string Email, bool Known)> next, Func<string, IEnumerable<KeyValuePair<string, string?>>> fields, int samples)
    {
        var client = factory.Client();
        var (_, page) = await client.GetPageAsync(url);
        var known = new List<double>();
        var unknown = new List<double>();
        string knownText = "", unknownText = "";
        for (var i = 0; i < samples * 2 + 2; i++)
        {
            var (email, isKnown) = next(i);
            await ForgetFailuresAsync(email);
            var watch = Stopwatch.StartNew();
            var (response, doc) = await client.PostPageAsync(page, url, fields(email), "main form");
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = doc.QuerySelector("main")!.TextContent.Replace(email, "ADDRESS", StringComparison.Ordinal);
            if (i < 2) continue; // warm-up: the first of each kind compiles and connects
            (isKnown ? known : unknown).Add(watch.Elapsed.TotalMilliseconds);
            if (isKnown) knownText = text;
            else unknownText = text;
        }
        return (known, unknown, knownText, unknownText);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_take_the_same_time_and_get_the_same_answer()
    {
        var clinic = await factory.ClinicAsync();
        var users = new List<PortalUser>();
        for (var i = 0; i < 3; i++) users.Add(await factory.UserAsync(clinic.Id, Roles.Clinician));
        var (known, unknown, knownText, unknownText) = await TimeAsync("/Identity/Account/Login",
            i => i % 2 == 0 ? (users[i / 2 % users.Count].Email!, true) : ($"nobody-{TestData.Unique()}@test.example", false),
            email => [new("Input.Email", email), new("Input.Password", "not-the-password-at-all")], samples: 15);

        var (mk, mu) = (Median(known), Median(unknown));
        output.WriteLine($"sign-in: wrong password median {mk:F1} ms (min {known.Min():F1}, max {known.Max():F1}); " +
                         $"unknown address median {mu:F1} ms (min {unknown.Min():F1}, max {unknown.Max():F1})");
        Assert.Equal(knownText, unknownText);
        Assert.True(known.Min() <= unknown.Max() && unknown.Min() <= known.Max(), "the two timings do not even overlap");
        Assert.True(Math.Max(mk, mu) / Math.Min(mk, mu) < 2.0, $"medians {mk:F1} ms and {mu:F1} ms differ by more than a factor of 2");
    }

    [Fact]
    public async Task Asking_for_a_reset_link_takes_the_same_time_for_a_real_and_an_unknown_address()
    {
        var clinic = await factory.ClinicAsync();
        var users = new List<PortalUser>();
        for (var i = 0; i < 3; i++) users.Add(await factory.UserAsync(clinic.Id, Roles.Clinician));
        var (known, unknown, knownText, unknownText) = await TimeAsync("/Identity/Account/ForgotPassword",
            i => i % 2 == 0 ? (users[i / 2 % users.Count].Email!, true) : ($"nobody-{TestData.Unique()}@test.example", false),
            email => [new("Input.Email", email)], samples: 15);

        var (mk, mu) = (Median(known), Median(unknown));
        output.WriteLine($"reset link: real address median {mk:F1} ms, unknown address median {mu:F1} ms");
        Assert.Equal(knownText, unknownText);
        Assert.True(Math.Max(mk, mu) / Math.Min(mk, mu) < 3.0, $"medians {mk:F1} ms and {mu:F1} ms differ by more than a factor of 3");
        Assert.Empty(factory.MailTo(users[0].Email!)); // queued, not sent inline
    }

    [Fact]
    public async Task Wrong_passwords_make_an_address_wait_the_same_whether_or_not_it_has_an_account_and_nobody_stays_locked_out()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Admin);
        var nobody = $"nobody-{TestData.Unique()}@test.example";
        async Task<string> TryAsync(string email, string password)
        {
            var response = await factory.Client().SignInAsync(email, password);
            if (response.StatusCode == HttpStatusCode.Redirect) return "signed in";
            return PortalClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main .text-danger, main [role=alert], main .validation-summary-errors")!.TextContent.Trim();
        }

        var answers = new List<(string Real, string Unknown)>();
        for (var i = 0; i < 5; i++) answers.Add((await TryAsync(user.Email!, "wrong-password-" + i), await TryAsync(nobody, "wrong-password-" + i)));
        foreach (var (real, unknown) in answers) Assert.Equal(System.Text.RegularExpressions.Regex.Replace(real, @"\d+ seconds?", "N"), System.Text.RegularExpressions.Regex.Replace(unknown, @"\d+ seconds?", "N"));
        Assert.Contains("do not match", answers[0].Real, StringComparison.Ordinal);
        Assert.Contains("Wait", answers[3].Real, StringComparison.Ordinal); // the 4th try comes too soon after the 3rd
        // Even the right password waits its turn...
        Assert.Contains("Wait", await TryAsync(user.Email!, TestData.Password), StringComparison.Ordinal);

        // ...but never longer than the maximum delay: no 15-minute lockout that anyone can renew for anyone.
        await using (var s = factory.SystemDb())
        {
            var key = AccountThrottle.KeyFor(user.Email!);
            await s.Db.SignInThrottles.Where(t => t.Key == key)
                .ExecuteUpdateAsync(x => x.SetProperty(t => t.LastFailureAt, t => t.LastFailureAt - AccountThrottle.MaxDelay - TimeSpan.FromSeconds(1)));
        }
        Assert.Equal("signed in", await TryAsync(user.Email!, TestData.Password));
        await using (var s = factory.SystemDb())
        {
            var key = AccountThrottle.KeyFor(user.Email!);
            Assert.False(await s.Db.SignInThrottles.AnyAsync(t => t.Key == key)); // forgiven after a success
        }
    }

    [Fact]
    public async Task The_patient_s_password_change_counts_towards_the_same_delay()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (me, user) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        async Task<string> ChangeAsync(string current)
        {
            var response = await me.SubmitFormAsync("/me/settings", new Dictionary<string, string>
            {
                ["Password.Current"] = current, ["Password.New"] = "another-long-passphrase", ["Password.Confirm"] = "another-long-passphrase",
            }, "main form[action*='handler=Password']");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return PortalClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Password.Current']")!.TextContent;
        }
        for (var i = 0; i < 3; i++) Assert.Contains("not your current password", await ChangeAsync("guess-number-" + i), StringComparison.Ordinal);
        Assert.Contains("Wait", await ChangeAsync(TestData.Password), StringComparison.Ordinal);
        // The same account's sign-in waits too.
        var signIn = await factory.Client().SignInAsync(user.Email!, TestData.Password);
        Assert.Contains("Wait", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_off_two_step_sign_in_needs_the_password_or_a_current_code()
    {
        var clinic = await factory.ClinicAsync();
        var (client, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, setup) = await client.GetPageAsync("/Identity/Account/Manage/TwoFactor");
        var key = setup.QuerySelector("#shared-key")!.TextContent;
        var (on, _) = await client.PostPageAsync(setup, "/Identity/Account/Manage/TwoFactor?handler=Enable", [new("Code", TwoFactorTests.Totp(key, DateTimeOffset.UtcNow))], "main form");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);

        async Task<bool> EnabledAsync()
        {
            await using var s = factory.SystemDb();
            return await s.Db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync();
        }
        var (_, page) = await client.GetPageAsync("/Identity/Account/Manage/TwoFactor");
        const string disable = "/Identity/Account/Manage/TwoFactor?handler=Disable";
        const string form = "main form[action*='handler=Disable']";
        var (bare, barePage) = await client.PostPageAsync(page, disable, [], form);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Contains("Enter your password or the current code", barePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await EnabledAsync());
        var (wrong, wrongPage) = await client.PostPageAsync(page, disable, [new("Confirmation", "not-my-password-at-all")], form);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("neither your password nor the current code", wrongPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await EnabledAsync());

        var (off, _) = await client.PostPageAsync(page, disable, [new("Confirmation", TestData.Password)], form);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await EnabledAsync());
    }
}
