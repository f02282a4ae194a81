using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Media;

/// <summary>
/// Stored objects in PostgreSQL: the bytes in 256 KiB rows of "StoredObjectChunks" (uncompressed, out of line), so a
/// read takes <c>substring()</c> of one chunk and never the whole object. Writes join the context's transaction, so an
/// upload that fails later leaves no chunk behind.
/// </summary>
public sealed class PostgresObjectStore(PortalDbContext db) : IObjectStore
{
    public const int ChunkSize = 256 * 1024;

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken ct = default)
    {
        var (connection, transaction) = await OpenAsync(ct);
        await using (var exists = Command(connection, transaction, "SELECT 1 FROM \"StoredObjectChunks\" WHERE \"Key\" = @k AND \"Index\" = 0", key))
        {
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
        }
        var buffer = new byte[ChunkSize];
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct);
            if (read == 0 && index > 0) break;
            await using var insert = Command(connection, transaction,
                "INSERT INTO \"StoredObjectChunks\" (\"Key\", \"Index\", \"Data\") VALUES (@k, @i, @d) ON CONFLICT DO NOTHING", key);
            insert.Parameters.Add(new NpgsqlParameter<int>("i", index));
            insert.Parameters.Add(new NpgsqlParameter("d", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, read) });
            await insert.ExecuteNonQueryAsync(ct);
            if (read < ChunkSize) break;
        }
    }

    public async Task<int> ReadAsync(string key, long offset, Memory<byte> buffer, CancellationToken ct = default)
    {
        var (connection, transaction) = await OpenAsync(ct);
        var index = (int)(offset / ChunkSize);
        var within = (int)(offset % ChunkSize);
        var count = Math.Min(buffer.Length, ChunkSize - within);
        await using var select = Command(connection, transaction,
            "SELECT substring(\"Data\" FROM @s FOR @n) FROM \"StoredObjectChunks\" WHERE \"Key\" = @k AND \"Index\" = @i", key);
        select.Parameters.Add(new NpgsqlParameter<int>("s", within + 1));
        select.Parameters.Add(new NpgsqlParameter<int>("n", count));
        select.Parameters.Add(new NpgsqlParameter<int>("i", index));
        await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct)) return 0;
        await using var data = reader.GetStream(0);
        return await data.ReadAtLeastAsync(buffer[..count], count, throwOnEndOfStream: false, ct);
    }

    private async Task<(DbConnection, DbTransaction?)> OpenAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return (connection, db.Database.CurrentTransaction?.GetDbTransaction());
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, string key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.Add(new NpgsqlParameter<string>("k", key));
        return command;
    }
}
