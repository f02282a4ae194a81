using System.Net;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// The portal in process, on the real test database, migrated by its own start-up code. One per test run
/// (a collection fixture): the host and its background parts keep global state.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = TestDatabase.ConnectionString;

    public const string OperatorEmail = "operator@platform.test";

    /// <summary>A second platform operator, for a test that must not depend on what another did to the first.</summary>
    public const string SecondOperatorEmail = "operator2@platform.test";

    /// <summary>A real SMTP server in the test process; the portal sends every email to it.</summary>
    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    /// <summary>High for the shared host: every test signs in from the same (absent) client address.</summary>
    protected virtual int SensitivePermitsPerMinute => 1_000_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot as the build laid it out (with the precompressed .gz files a browser asks for), as Development
        // does; without it a browser's gzip request for a fingerprinted stylesheet gets an empty answer.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Portal:MigrateOnStart", "true");
        builder.UseSetting("Portal:SeedDemoData", "false");
        builder.UseSetting("Portal:PublicUrl", "http://localhost");
        // Every test signs in from the same (absent) client address; the rate limit has its own test host.
        builder.UseSetting("Security:SensitivePermitsPerMinute", SensitivePermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // No Hangfire server in the shared host: tests run the jobs themselves (one test starts a real server).
        builder.UseSetting("Jobs:RunServer", "false");
        // The operator's metrics listener on a free port of the loopback (MetricsListener.Address says which).
        builder.UseSetting("Metrics:Url", "http://127.0.0.1:0");
        // The one platform operator of the test hosts (the Hangfire dashboard's only users); tests make this account.
        builder.UseSetting("Security:PlatformOperators:0", OperatorEmail);
        builder.UseSetting("Security:PlatformOperators:1", SecondOperatorEmail);
    }

    /// <summary>
    /// A DI scope of the portal with its all-clinics context (the jobs' door, <see cref="AllClinicsDb"/>), for
    /// arranging and checking data and for building the services that work across clinics.
    /// </summary>
    public AsyncServiceScopeWithDb SystemDb()
    {
        _ = Services; // make sure the host (and so the migration) has started; unlike Server, also works on Kestrel
        var scope = Services.CreateAsyncScope();
        return new AsyncServiceScopeWithDb(scope, scope.ServiceProvider.GetRequiredService<AllClinicsDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }

    /// <summary>Emails received for one address (the server is shared by all tests; addresses are unique).</summary>
    public IReadOnlyList<netDumbster.smtp.SmtpMessage> MailTo(string address) =>
        Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public PortalClient Client() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    }));
}

public sealed class AsyncServiceScopeWithDb(AsyncServiceScope scope, AllClinicsDb allClinics) : IAsyncDisposable
{
    public AllClinicsDb AllClinics { get; } = allClinics;
    public PortalDbContext Db => AllClinics.Db;
    public IServiceProvider Services => scope.ServiceProvider;

    /// <summary>The scope disposes its context.</summary>
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFactory>
{
    public const string Name = "portal";
}
