using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

public static class DataExtensions
{
    /// <summary>Core on the configured PostgreSQL (its services, the context and its clinic doors).</summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var cs = builder.Configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(cs))
        {
            throw new InvalidOperationException(
                "No database connection string. Set ConnectionStrings__Portal (environment) or ConnectionStrings:Portal " +
                "(appsettings), or start the portal with ./portal run, which runs a private PostgreSQL for you.");
        }
        builder.Services.AddPortalCore(cs);
        return builder;
    }

    /// <summary>
    /// Applies migrations (when configured: development, docker compose, tests), then seeds roles, the exercise
    /// library and, in development, the demo clinic. Idempotent.
    /// </summary>
    public static async Task PreparePortalDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var options = app.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        if (options.MigrateOnStart) await db.EnsureDatabaseAsync();
        // Instances starting together take turns (migrating or seeding twice at once fails on unique keys).
        await using var turn = await StartupLock.TakeAsync(app.Configuration.GetConnectionString("Portal")!);
        if (options.MigrateOnStart)
        {
            await db.ApplyMigrationsAsync();
        }
        await services.GetRequiredService<RoleSeeder>().SeedAsync();
        await services.GetRequiredService<LibrarySeeder>().SeedAsync();
        if (options.SeedDemoData)
        {
            await services.GetRequiredService<DemoData>().SeedAsync();
        }
    }
}
