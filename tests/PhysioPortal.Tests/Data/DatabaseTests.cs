using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhysioPortal.Core.Data;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Data;

[Collection(PortalCollection.Name)]
public class DatabaseTests(PortalFactory factory)
{
    [Fact]
    public async Task Migrations_apply_on_an_empty_database()
    {
        var cs = TestDatabase.Recreate(new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database + "_empty");
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(cs, o => o.MigrationsAssembly("PhysioPortal.Migrations"))
            .Options;
        // Not a clinic door: a bare context on another database, only to migrate it (it sees no clinic's data).
        await using var db = new PortalDbContext(options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        // The tables are really there and empty.
        Assert.Equal(0, await db.Exercises.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        await db.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task The_portal_migrated_its_own_database_at_start()
    {
        await using var s = factory.SystemDb();
        Assert.Empty(await s.Db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        var response = await factory.Client().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
