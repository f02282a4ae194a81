using System.Net;
using System.Security.Cryptography;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Identity;

[Collection(PortalCollection.Name)]
public class TwoFactorTests(PortalFactory factory)
{
    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it.</summary>
    internal static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.Replace(" ", "").ToUpperInvariant());
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(s.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }

    [Fact]
    public async Task A_clinician_turns_on_two_step_sign_in_and_then_needs_a_code()
    {
        var clinic = await factory.ClinicAsync();
        var (client, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, setup) = await client.GetPageAsync("/Identity/Account/Manage/TwoFactor");
        var key = setup.QuerySelector("#shared-key")!.TextContent;

        var (wrong, wrongPage) = await client.PostPageAsync(setup, "/Identity/Account/Manage/TwoFactor?handler=Enable", [new("Code", "000000")], "main form");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", wrongPage.Body!.TextContent);

        var (on, _) = await client.PostPageAsync(setup, "/Identity/Account/Manage/TwoFactor?handler=Enable", [new("Code", Totp(key, DateTimeOffset.UtcNow))], "main form");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);

        // Signing in now stops after the password and asks for the code.
        var fresh = factory.Client();
        var step1 = await fresh.SignInAsync(user.Email!, TestData.Password);
        Assert.StartsWith("/identity/account/loginwith2fa", step1.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/clinic")).StatusCode);
        var step2 = await fresh.SubmitFormAsync(step1.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = Totp(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/clinic")).StatusCode);
    }

    [Fact]
    public async Task When_the_clinic_requires_it_staff_without_it_are_sent_to_set_it_up()
    {
        var clinic = await factory.ClinicAsync();
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/clinic")).StatusCode);

        var saved = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Input.RequireTwoFactor"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var s = factory.SystemDb())
        {
            Assert.True((await s.Db.Clinics.SingleAsync(c => c.Id == clinic.Id)).RequireTwoFactor);
        }

        var blocked = await clinician.GetAsync("/clinic/patients");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal("/Identity/Account/Manage/TwoFactor?required=1", blocked.Headers.Location!.OriginalString, ignoreCase: true);
        var (_, setup) = await clinician.GetPageAsync("/Identity/Account/Manage/TwoFactor?required=1");
        Assert.Contains("Your clinic asks all staff", setup.Body!.TextContent);
        var key = setup.QuerySelector("#shared-key")!.TextContent;
        await clinician.PostPageAsync(setup, "/Identity/Account/Manage/TwoFactor?handler=Enable", [new("Code", Totp(key, DateTimeOffset.UtcNow))], "main form");
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/clinic/patients")).StatusCode);
    }
}
