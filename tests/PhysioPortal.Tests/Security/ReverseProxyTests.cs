using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// The portal on Kestrel behind a real nginx (Debian's) that terminates TLS, as in production. nginx connects to the
/// portal from 127.0.0.2, the only configured proxy; test clients connect from 127.0.0.1 (directly) or 127.0.0.3 (through
/// nginx), so "who is the proxy" and "who is the client" are different addresses on one machine.
/// </summary>
public sealed class ProxiedPortal : PortalFactory, IAsyncLifetime
{
    public const string ProxyAddress = "127.0.0.2";
    public const string ClientAddress = "127.0.0.3";

    private Nginx? nginx;

    public Uri AppUrl { get; private set; } = null!;
    public Uri ProxyUrl => nginx!.Url;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:KnownProxies:0", ProxyAddress);
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        AppUrl = new Uri(address);
        nginx = await Nginx.StartAsync((folder, port) => $$"""
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    location / {
                        proxy_pass http://127.0.0.1:{{AppUrl.Port}};
                        proxy_bind {{ProxyAddress}};
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            """);
    }

    /// <summary>A browser-like client that connects to nginx over TLS from <see cref="ClientAddress"/>.</summary>
    public PortalClient ThroughProxy() => new(new HttpClient(Nginx.Handler(ClientAddress)) { BaseAddress = ProxyUrl });

    /// <summary>A client straight to Kestrel (from 127.0.0.1, not a configured proxy).</summary>
    public HttpClient Direct() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = AppUrl };

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (nginx is not null) await nginx.DisposeAsync();
        await base.DisposeAsync();
    }
}

public class ReverseProxyTests(ProxiedPortal portal) : IClassFixture<ProxiedPortal>
{
    [Fact]
    public async Task Through_the_proxy_the_client_s_address_is_audited_and_cookies_are_secure()
    {
        var clinic = await portal.ClinicAsync();
        var patient = await portal.PatientAsync(clinic.Id);
        var user = await portal.UserAsync(clinic.Id, Roles.Clinician);
        var client = portal.ThroughProxy();

        var (login, _) = await client.GetPageAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var signedIn = await client.SignInAsync(user.Email!, TestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("physioportal.auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/clinic/patients/{patient.Id}")).StatusCode);

        await using var s = portal.SystemDb();
        var audit = await s.Db.AuditEvents.SingleAsync(a => a.PatientId == patient.Id);
        Assert.Equal(ProxiedPortal.ClientAddress, audit.IpAddress); // the client, not the proxy (127.0.0.2)
        var session = await s.Db.UserSessions.SingleAsync(x => x.UserId == user.Id);
        Assert.Equal(ProxiedPortal.ClientAddress, session.IpAddress);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_but_the_proxy_are_ignored()
    {
        var clinic = await portal.ClinicAsync();
        var patient = await portal.PatientAsync(clinic.Id);
        var user = await portal.UserAsync(clinic.Id, Roles.Clinician);
        using var direct = portal.Direct();
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var client = new PortalClient(direct);

        var (login, _) = await client.GetPageAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        var cookies = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var form = PortalClient.FormFields((AngleSharp.Html.Dom.IHtmlFormElement)PortalClient.Parse(await login.Content.ReadAsStringAsync()).QuerySelector("main form")!);
        form.RemoveAll(f => f.Key is "Input.Email" or "Input.Password");
        form.Add(new("Input.Email", user.Email!));
        form.Add(new("Input.Password", TestData.Password));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login") { Content = new FormUrlEncodedContent(form) };
        post.Headers.Add("Cookie", cookies);
        var signedIn = await direct.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("physioportal.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/clinic/patients/{patient.Id}");
        read.Headers.Add("Cookie", auth);
        Assert.Equal(HttpStatusCode.OK, (await direct.SendAsync(read)).StatusCode);

        await using var s = portal.SystemDb();
        var audit = await s.Db.AuditEvents.SingleAsync(a => a.PatientId == patient.Id);
        Assert.Equal("127.0.0.1", audit.IpAddress); // the real peer; the forged 203.0.113.9 was not believed
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forged_host_is_refused_and_no_server_header_is_sent(bool throughProxy)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/clinic");
        request.Headers.Host = "evil.example";
        var response = throughProxy ? await portal.ThroughProxy().Http.SendAsync(request) : await portal.Direct().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);

        var fine = await portal.Direct().GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.False(fine.Headers.Contains("Server"), "Kestrel names itself in a Server header");
    }
}
