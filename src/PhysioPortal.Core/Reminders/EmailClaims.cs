using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The scheduled-email rows one sender holds. <see cref="ClaimAsync"/> moves due pending rows to Sending, stamped with
/// the sender's name, in one UPDATE that chooses them with <c>FOR UPDATE SKIP LOCKED</c>: two senders (two jobs, two
/// portal instances) never get the same row. Every later move — sent, retry later, failed, cancelled, handed back —
/// touches a row only while it is still Sending and this sender's.
/// </summary>
public sealed class EmailClaims(PortalDbContext db, TimeProvider clock, ReminderOptions options, string sender)
{
    /// <summary>Atomically moves up to <paramref name="max"/> due pending rows to Sending for this sender.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(int max, CancellationToken ct = default)
    {
        const string sql = """
            UPDATE "ScheduledEmails" SET "State" = 'Sending', "ClaimedAt" = @now, "ClaimedBy" = @me
            WHERE "Id" IN (
                SELECT "Id" FROM "ScheduledEmails"
                WHERE "State" = 'Pending' AND "DueAt" <= @now AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @now)
                ORDER BY "DueAt"
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
              AND "State" = 'Pending'
            RETURNING "Id"
            """;
        var ids = new List<Guid>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow().ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("me", NpgsqlDbType.Varchar) { Value = sender });
            command.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = max });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
        return ids;
    }

    /// <summary>The claimed rows, still this sender's, in due order.</summary>
    public Task<List<ScheduledEmail>> RowsAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        Mine().AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.DueAt).ToListAsync(ct);

    /// <summary>
    /// Rows claimed longer ago than the lease: their sender died (or lost the database) after claiming. The email may or
    /// may not have gone, so it is not sent again: the row is Failed "outcome unknown" for an admin to check.
    /// </summary>
    public async Task<int> AbandonStaleAsync(string fromAddress, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().ToUniversalTime() - options.ClaimLease;
        var stale = await db.ScheduledEmails.AsNoTracking()
            .Where(e => e.State == EmailState.Sending && e.ClaimedAt < cutoff)
            .Select(e => new { e.Id, e.Kind, e.ClaimedBy, e.ClaimedAt })
            .ToListAsync(ct);
        var count = 0;
        foreach (var row in stale)
        {
            var messageId = EmailSender.MessageIdFor(row.Id, fromAddress);
            var error = $"Outcome unknown: the sender {row.ClaimedBy} claimed this email at {row.ClaimedAt:u} and stopped before recording the result. " +
                        $"It is not sent again automatically. Look for Message-ID <{messageId}> in the mail server's log; if it never left, press Send again.";
            var marked = await db.ScheduledEmails
                .Where(e => e.Id == row.Id && e.State == EmailState.Sending && e.ClaimedBy == row.ClaimedBy)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Failed)
                    .SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.MessageId, messageId), ct);
            if (marked > 0) Operations.PortalMetrics.EmailFailed(row.Kind, "unknown");
            count += marked;
        }
        return count;
    }

    /// <summary>Sent: records the SMTP Message-ID. Returns 0 when the claim had been taken away meanwhile.</summary>
    public Task<int> MarkSentAsync(Guid id, string messageId)
    {
        var sentAt = clock.GetUtcNow().ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE "ScheduledEmails"
               SET "State" = 'Sent', "SentAt" = {sentAt}, "MessageId" = {messageId}, "Attempts" = "Attempts" + 1,
                   "LastError" = NULL, "NextAttemptAt" = NULL
             WHERE "Id" = {id} AND "State" = 'Sending' AND "ClaimedBy" = {sender}
            """, CancellationToken.None);
    }

    /// <summary>
    /// Back to Pending with Attempts + 1 and a back-off, or Failed after the last attempt. Returns the state the row
    /// is left in.
    /// </summary>
    public async Task<EmailState> RetryLaterAsync(ScheduledEmail row, string error)
    {
        var attempts = row.Attempts + 1;
        if (attempts >= options.MaxAttempts)
        {
            await FailAsync(row.Id, $"Gave up after {attempts} attempts. Last error: {error}");
            return EmailState.Failed;
        }
        var next = clock.GetUtcNow().ToUniversalTime() + options.RetryDelay(attempts);
        await Mine().Where(e => e.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, Trim(error))
                .SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None);
        return EmailState.Pending;
    }

    /// <summary>Failed for good (a permanent refusal, or the last attempt): counts as an attempt.</summary>
    public Task<int> FailAsync(Guid id, string error) => MarkAsync(id, EmailState.Failed, error, attempted: true);

    /// <summary>Not sent and never will be (the reason is shown to admins).</summary>
    public Task<int> CancelAsync(Guid id, string reason) => MarkAsync(id, EmailState.Cancelled, reason, attempted: false);

    /// <summary>Hands rows back untouched (shutting down, or the database failed after a send).</summary>
    public Task<int> ReleaseAsync(IReadOnlyList<Guid> ids) =>
        Mine().Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None);

    private Task<int> MarkAsync(Guid id, EmailState state, string error, bool attempted) =>
        Mine().Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, state)
                .SetProperty(e => e.LastError, Trim(error))
                .SetProperty(e => e.Attempts, e => e.Attempts + (attempted ? 1 : 0)), CancellationToken.None);

    private IQueryable<ScheduledEmail> Mine() =>
        db.ScheduledEmails.Where(e => e.State == EmailState.Sending && e.ClaimedBy == sender);

    private static string Trim(string s) => s.Length > 1990 ? s[..1990] : s;
}
