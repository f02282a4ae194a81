using System.Security.Cryptography;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhysioPortal.Core.Media;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Operations;

/// <summary>
/// <c>./portal db backup</c> and <c>./portal db restore</c> as an operator runs them: a restored backup holds every
/// row of every table of every schema (the portal's, Hangfire's, the media chunks), byte for byte.
/// </summary>
[Collection(PortalCollection.Name)]
public class BackupTests(PortalFactory factory)
{
    [Fact]
    public async Task A_backup_restored_into_another_database_has_every_row_of_every_table()
    {
        await SeedAsync();
        var dir = Directory.CreateTempSubdirectory("portal-backups-").FullName;
        var source = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var target = source.Database + "_restored";
        var env = new Dictionary<string, string> { ["ConnectionStrings__Portal"] = factory.ConnectionString, ["PORTAL_BACKUP_DIR"] = dir };
        try
        {
            // Three backups, keeping two: the oldest is gone, the newest two remain.
            var written = Enumerable.Range(0, 3).Select(_ => WrittenFile(PortalCommand.DbOk(["backup", "--keep", "2"], env))).ToList();
            Assert.Equal(written.Skip(1).Order(), Directory.GetFiles(dir).Order());
            Assert.All(written, f => Assert.Matches(@"physioportal_test-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?\.dump$", f));

            var expected = await TablesAsync(factory.ConnectionString);
            var refused = PortalCommand.Db(["restore", written[^1], "--to", target], env);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("--yes", refused.Error);

            PortalCommand.DbOk(["restore", written[^1], "--to", target, "--yes"], env);
            var restoredCs = new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Database = target, Pooling = false }.ConnectionString;
            var restored = await TablesAsync(restoredCs);

            Assert.Contains(expected.Keys, t => t.StartsWith("hangfire.", StringComparison.Ordinal));
            Assert.True(expected["hangfire.job"].Rows > 0 && expected["public.StoredObjectChunks"].Rows > 0 && expected["public.Patients"].Rows > 0);
            Assert.Equal(expected.Keys.Order(), restored.Keys.Order());
            foreach (var (table, rows) in expected)
            {
                Assert.True(rows == restored[table], $"{table}: {rows} before, {restored[table]} restored");
            }

            // Restoring over an existing database keeps the one it replaces under another name.
            PortalCommand.DbOk(["restore", written[^2], "--to", target, "--yes"], env);
            var kept = await DatabasesAsync(target + "_before_restore_%");
            Assert.Single(kept);
            Assert.Equal(expected, await TablesAsync(new NpgsqlConnectionStringBuilder(restoredCs) { Database = kept[0] }.ConnectionString));
        }
        finally
        {
            foreach (var db in await DatabasesAsync(target + "%")) TestDatabase.Drop(db);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string WrittenFile(PortalCommand.Result result) =>
        result.Output.Split('\n').Single(l => l.StartsWith("Backup: /", StringComparison.Ordinal))["Backup: ".Length..].Split(" (")[0];

    /// <summary>Rows in every table of the portal: a clinic's patient and prescription, a Hangfire job, a photo's chunks.</summary>
    private async Task SeedAsync()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        await factory.PrescriptionAsync(clinic.Id, patient.Id, DateOnly.FromDateTime(DateTime.UtcNow));
        factory.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<SendDueEmailsJob>(j => j.RunAsync(CancellationToken.None), TimeSpan.FromDays(365));
        await using var s = factory.SystemDb();
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var key = Convert.ToHexStringLower(SHA256.HashData(bytes));
        s.Db.StoredObjects.Add(new StoredObject { Key = key, ContentType = "image/jpeg", Length = bytes.Length, ChunkSize = 65_536, CreatedAt = DateTimeOffset.UtcNow });
        s.Db.StoredObjectChunks.Add(new StoredObjectChunk { Key = key, Index = 0, Data = bytes[..65_536] });
        s.Db.StoredObjectChunks.Add(new StoredObjectChunk { Key = key, Index = 1, Data = bytes[65_536..] });
        s.Db.StoredObjectOwners.Add(new StoredObjectOwner { Key = key, ClinicId = clinic.Id });
        await s.Db.SaveChangesAsync();
    }

    public sealed record TableRows(long Rows, string Checksum);

    /// <summary>Every table of every schema, with its row count and a checksum of its rows (in any order).</summary>
    private static async Task<Dictionary<string, TableRows>> TablesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<(string Schema, string Name)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetString(1)));
        }
        var result = new Dictionary<string, TableRows>();
        foreach (var (schema, name) in tables)
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM \"{schema}\".\"{name}\" t", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[$"{schema}.{name}"] = new TableRows(reader.GetInt64(0), reader.GetString(1));
        }
        // Sequences continue where they were, so the next row after a restore never collides with a restored one.
        await using (var seq = new NpgsqlCommand("SELECT schemaname, sequencename, coalesce(last_value, 0) FROM pg_sequences", conn))
        await using (var reader = await seq.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) result[$"sequence {reader.GetString(0)}.{reader.GetString(1)}"] = new TableRows(reader.GetInt64(2), "");
        }
        return result;
    }

    private static async Task<List<string>> DatabasesAsync(string like)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.RawConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @like ORDER BY datname", conn);
        cmd.Parameters.AddWithValue("like", like.Replace("_", "\\_", StringComparison.Ordinal));
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
