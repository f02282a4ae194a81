using Npgsql;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL database of this test run. <c>./portal test</c> sets PORTAL_TEST_DB; the database named there
/// is dropped and created anew once per run, then the portal's own migrations build it.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Prepared = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Prepared.Value;

    public static string RawConnectionString =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_DB") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "PORTAL_TEST_DB is not set. Run the tests with ./portal test, which starts a private PostgreSQL " +
                "and sets it, or set it to a connection string whose user may create databases.");

    /// <summary>Drops (if present) and creates a database of the given name on the test server.</summary>
    public static string Recreate(string databaseName)
    {
        Drop(databaseName);
        OnServer($"CREATE DATABASE \"{databaseName}\"");
        return new NpgsqlConnectionStringBuilder(RawConnectionString) { Database = databaseName }.ConnectionString;
    }

    /// <summary>Drops a database of the test server if it exists, even with sessions still open.</summary>
    public static void Drop(string databaseName) => OnServer($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)");

    private static void OnServer(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(RawConnectionString) { Database = "postgres", Pooling = false };
        using var conn = new NpgsqlConnection(builder.ConnectionString);
        conn.Open();
        using var command = new NpgsqlCommand(sql, conn);
        command.ExecuteNonQuery();
    }

    private static string Prepare()
    {
        var name = new NpgsqlConnectionStringBuilder(RawConnectionString).Database
                   ?? throw new InvalidOperationException("PORTAL_TEST_DB must name a database.");
        return Recreate(name);
    }
}
