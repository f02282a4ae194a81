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
            throw new Operations.PortalSettingException(
                "No database connection string. Set ConnectionStrings__Portal (environment) or ConnectionStrings:Portal " +
                "(appsettings), or start the portal with ./portal run, which runs a private PostgreSQL for you.");
        }
        cs = Named(cs);
        // Every part of the portal (EF Core, Hangfire, the start-up lock, the probes) reads the named one.
        builder.Configuration["ConnectionStrings:Portal"] = cs;
        builder.Services.AddPortalCore(cs);
        return builder;
    }

    /// <summary>
    /// The portal's connections carry an application name (PostgreSQL shows it in pg_stat_activity), and Npgsql names
    /// its connection pool after it in the metrics' <c>db_client_connection_pool_name</c> label, which otherwise is the
    /// connection string itself: host, port, database and user on the operator's endpoint. A name the operator chose is kept.
    /// </summary>
    public static string Named(string connectionString)
    {
        Npgsql.NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new Operations.PortalSettingException($"ConnectionStrings:Portal cannot be read ({e.Message}); write it like Host=db;Database=physioportal;Username=portal;Password=….");
        }
        if (!string.IsNullOrEmpty(parsed.ApplicationName)) return connectionString;
        parsed.ApplicationName = "physioportal";
        return parsed.ConnectionString;
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
