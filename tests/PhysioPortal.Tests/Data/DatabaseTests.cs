using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
        var errors = new ErrorRecorder();
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(cs, o => o.MigrationsAssembly("PhysioPortal.Migrations"))
            .UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(errors)))
            .Options;
        // Not a clinic door: a bare context on another database, only to migrate it (it sees no clinic's data).
        await using var db = new PortalDbContext(options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

        errors.Messages.Clear(); // (reading the applied migrations of a new database above is expected to fail)
        await db.ApplyMigrationsAsync();

        // A first start prints no error: EF's expected failed read of the missing history table is not made.
        Assert.True(errors.Messages.IsEmpty, "Errors logged while migrating:\n" + string.Join("\n", errors.Messages));

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

/// <summary>Keeps every message logged at Error or above.</summary>
internal sealed class ErrorRecorder : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) recorder.Messages.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
