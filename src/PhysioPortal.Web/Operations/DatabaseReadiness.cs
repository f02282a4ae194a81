using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// Ready only when the database answers and has every migration this build knows. Its own short connection (no
/// pool, no retry strategy): a probe must answer in seconds while the database is gone, where a page's query waits
/// for it to come back.
/// </summary>
public sealed class DatabaseReadiness(IDbContextFactory<PortalDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string connectionString;
        IReadOnlyList<string> known;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            connectionString = db.Database.GetConnectionString() ?? "";
            known = [.. db.Database.GetMigrations()];
        }
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3, CommandTimeout = 3, Multiplexing = false };
        HashSet<string> applied;
        try
        {
            await using var connection = new NpgsqlConnection(probe.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" """, connection);
            applied = [];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return HealthCheckResult.Unhealthy("The database has no migrations applied (see the README, Migrations).");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
        var pending = known.Where(m => !applied.Contains(m)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("The database answers and has every migration.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, the first {pending[0]} (see the README, Migrations).");
    }
}
