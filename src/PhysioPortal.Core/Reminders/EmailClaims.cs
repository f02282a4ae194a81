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

    /// <summary>What became of stale claims: back to pending, sent once more, or failed for an admin.</summary>
    public sealed record Recovered(int HandedBack, int ResentOnce, int Failed)
    {
        public int Total => HandedBack + ResentOnce + Failed;
    }

    /// <summary>
    /// Rows whose claim was not renewed within the lease: their sender stopped (killed, crashed, lost the database).
    /// One that never reached DATA did not leave: it goes back to pending as it was (same row, same Message-ID). One
    /// that did may or may not have been delivered: a reminder or check-in is sent once more with the same Message-ID
    /// (<see cref="EmailKinds.ResendOnceWhenOutcomeUnknown"/>); any other kind, or a second unknown, is Failed
    /// "outcome unknown" for an admin to check.
    /// </summary>
    public async Task<Recovered> RecoverStaleAsync(string fromAddress, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().ToUniversalTime() - options.ClaimLease;
        var stale = await db.ScheduledEmails.AsNoTracking()
            .Where(e => e.State == EmailState.Sending && e.ClaimedAt < cutoff)
            .Select(e => new { e.Id, e.Kind, e.ClaimedBy, e.ClaimedAt, e.DataStartedAt, e.UnknownOutcomes })
            .ToListAsync(ct);
        var (handedBack, resent, failed) = (0, 0, 0);
        foreach (var row in stale)
        {
            // Only while the claim is exactly as read: a sender that renewed it meanwhile keeps it.
            var same = db.ScheduledEmails.Where(e => e.Id == row.Id && e.State == EmailState.Sending && e.ClaimedBy == row.ClaimedBy && e.ClaimedAt == row.ClaimedAt);
            var messageId = EmailSender.MessageIdFor(row.Id, fromAddress);
            if (row.DataStartedAt is null)
            {
                var note = $"Handed back: the sender {row.ClaimedBy} claimed this email at {row.ClaimedAt:u} and stopped before sending it; it goes out again by itself.";
                handedBack += await same.ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                    .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null).SetProperty(e => e.ClaimedBy, (string?)null)
                    .SetProperty(e => e.LastError, note), ct);
            }
            else if (row.UnknownOutcomes == 0 && EmailKinds.ResendOnceWhenOutcomeUnknown(row.Kind))
            {
                var note = $"Outcome unknown: the sender {row.ClaimedBy} stopped while handing this email to the mail server at {row.DataStartedAt:u}. " +
                           $"It is sent once more with the same Message-ID <{messageId}> (a receiver drops an exact duplicate).";
                var changed = await same.ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                    .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null).SetProperty(e => e.ClaimedBy, (string?)null)
                    .SetProperty(e => e.DataStartedAt, (DateTimeOffset?)null)
                    .SetProperty(e => e.UnknownOutcomes, e => e.UnknownOutcomes + 1)
                    .SetProperty(e => e.LastError, note), ct);
                if (changed > 0) Operations.PortalMetrics.EmailRetried(row.Kind);
                resent += changed;
            }
            else
            {
                var error = $"Outcome unknown: the sender {row.ClaimedBy} stopped while handing this email to the mail server at {row.DataStartedAt:u}. " +
                            (EmailKinds.ResendOnceWhenOutcomeUnknown(row.Kind) ? "It had already been sent once more after an earlier unknown outcome. " : "A second copy of this kind could harm, so it is not sent again automatically. ") +
                            $"Look for Message-ID <{messageId}> in the mail server's log; if it never left, press Send again.";
                var changed = await same.ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Failed)
                    .SetProperty(e => e.UnknownOutcomes, e => e.UnknownOutcomes + 1)
                    .SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.MessageId, messageId), ct);
                if (changed > 0) Operations.PortalMetrics.EmailFailed(row.Kind, "unknown");
                failed += changed;
            }
        }
        return new Recovered(handedBack, resent, failed);
    }

    /// <summary>
    /// Called as the email's SMTP transaction reaches DATA (its recipient accepted, its content not yet sent): marks
    /// this row as being handed over and renews the claim of every row this sender still holds (the lease is per email,
    /// not per batch). Synchronous: it runs inside the SMTP client's callback. False when the row is no longer ours.
    /// </summary>
    public bool DataStarting(Guid id)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var renewBefore = now - options.ClaimLease / 4; // the others only when their claim is getting old: one row most times
        var ours = db.Database.SqlQuery<int>($"""
            WITH renewed AS (
                UPDATE "ScheduledEmails"
                   SET "ClaimedAt" = {now},
                       "DataStartedAt" = CASE WHEN "Id" = {id} THEN {now} ELSE "DataStartedAt" END
                 WHERE "State" = 'Sending' AND "ClaimedBy" = {sender} AND ("Id" = {id} OR "ClaimedAt" < {renewBefore})
                RETURNING "Id")
            SELECT count(*)::int AS "Value" FROM renewed WHERE "Id" = {id}
            """).AsEnumerable().Single();
        return ours == 1;
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
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.DataStartedAt, (DateTimeOffset?)null), CancellationToken.None);
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
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.DataStartedAt, (DateTimeOffset?)null), CancellationToken.None);

    private Task<int> MarkAsync(Guid id, EmailState state, string error, bool attempted) =>
        Mine().Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, state)
                .SetProperty(e => e.LastError, Trim(error))
                .SetProperty(e => e.Attempts, e => e.Attempts + (attempted ? 1 : 0)), CancellationToken.None);

    private IQueryable<ScheduledEmail> Mine() =>
        db.ScheduledEmails.Where(e => e.State == EmailState.Sending && e.ClaimedBy == sender);

    private static string Trim(string s) => s.Length > 1990 ? s[..1990] : s;
}
