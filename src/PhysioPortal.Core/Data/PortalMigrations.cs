using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PhysioPortal.Core.Data;

public static class PortalMigrations
{
    /// <summary>
    /// Applies the pending migrations. On a database that has never been migrated, EF Core (9 and later) reads the
    /// migrations history table before creating it and logs that expected failure as a red "Failed executing
    /// DbCommand" error (https://github.com/dotnet/efcore/issues/37328), which a new user takes for a broken start.
    /// Creating the database when missing and the history table first (the same idempotent script migrating
    /// would run) makes that read succeed; a real failure still throws. Instances starting together call it inside
    /// <see cref="StartupLock"/> (two migrating at once both insert the same history row, and one of them stops).
    /// </summary>
    public static async Task ApplyMigrationsAsync(this PortalDbContext db, CancellationToken cancellationToken = default)
    {
        await db.EnsureDatabaseAsync(cancellationToken);
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Creates the database when it does not exist (another instance creating it at the same moment is fine).</summary>
    public static async Task EnsureDatabaseAsync(this PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var database = db.GetService<IRelationalDatabaseCreator>();
        if (await database.ExistsAsync(cancellationToken)) return;
        try
        {
            await database.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }
}

/// <summary>
/// A PostgreSQL advisory lock held on a connection of its own while one instance prepares the database at start
/// (migrations, seeding): instances started together (docker compose with two replicas, a rolling deploy) take turns,
/// and the second finds everything done. The lock ends with the connection, so a process killed while holding it
/// never blocks the others.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The lock's key: any fixed number other tools on the database do not use ("physio" in ASCII).</summary>
    public const long Key = 0x706879_73696F;

    private readonly NpgsqlConnection _connection;

    private StartupLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<StartupLock> TakeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            command.CommandTimeout = 0; // waits as long as the other instance's migration takes
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync(); // closing the session releases the lock
}
