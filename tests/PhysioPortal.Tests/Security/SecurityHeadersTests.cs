using System.Net;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

[Collection(PortalCollection.Name)]
public class SecurityHeadersTests(PortalFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/clinic")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await factory.Client().GetAsync(url);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task No_page_uses_inline_script()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        foreach (var url in new[] { "/clinic", "/clinic/library", "/clinic/patients", "/clinic/templates/sciatica" })
        {
            var (_, page) = await client.GetPageAsync(url);
            Assert.All(page.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[onclick],[onload],[onsubmit],[style]"));
        }
    }
}

/// <summary>A host of its own with a low limit: the shared host allows many sign-ins from its one test address.</summary>
public sealed class RateLimitedPortalFactory : PortalFactory
{
    protected override int SensitivePermitsPerMinute => 3;
}

public class RateLimitTests : IClassFixture<RateLimitedPortalFactory>
{
    private readonly RateLimitedPortalFactory factory;

    public RateLimitTests(RateLimitedPortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task Too_many_sign_in_attempts_get_a_clear_try_again_page()
    {
        var client = factory.Client();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@test.example", ["Input.Password"] = "wrong-password-" + i,
            }));
        }
        Assert.All(answers.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var refused = answers.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", body);
        Assert.Contains("try again in", body);
        // Other pages are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Login")).StatusCode);
    }
}
