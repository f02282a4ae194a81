using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.BrowserTests.Infrastructure;

/// <summary>
/// One run of the browser suite: the portal on a real Kestrel port (its own database, so the other test project,
/// which may run at the same time, is never touched) and one Debian Chromium driven by Playwright's bundled driver.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DatabaseSuffix = "_browser";

    public static readonly string ShotsDirectory = Path.Combine(Path.GetTempPath(), "browser-shots");

    private IPlaywright? playwright;
    private IBrowser? browser;

    public PortalFactory Portal { get; private set; } = null!;

    /// <summary>The portal's address, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's Chromium at {ChromiumPath}, which is missing. Install it with " +
                "'sudo apt-get install -y chromium' (./portal test does this when run as root). " +
                "Never 'playwright install': the suite uses no downloaded browser.");
        }

        UseOwnDatabase();
        Portal = new PortalFactory();
        Portal.UseKestrel(0);
        Portal.StartServer();
        var addresses = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                        ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = addresses.First().TrimEnd('/');

        Directory.CreateDirectory(ShotsDirectory);
        foreach (var old in Directory.EnumerateFiles(ShotsDirectory, "*.png")) File.Delete(old); // this run's shots only
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with one page; desktop size unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (Portal is not null) await Portal.DisposeAsync();
    }

    /// <summary>
    /// Points PORTAL_TEST_DB (read by the shared TestDatabase, which drops and creates the database it names) at a
    /// database of this suite's own: "physioportal_test" becomes "physioportal_test_browser". Test projects run in
    /// parallel processes, and each must only ever drop its own database.
    /// </summary>
    private static void UseOwnDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.RawConnectionString);
        var name = builder.Database ?? throw new InvalidOperationException("PORTAL_TEST_DB must name a database.");
        if (!name.EndsWith(DatabaseSuffix, StringComparison.Ordinal))
        {
            builder.Database = name + DatabaseSuffix;
            Environment.SetEnvironmentVariable("PORTAL_TEST_DB", builder.ConnectionString);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
