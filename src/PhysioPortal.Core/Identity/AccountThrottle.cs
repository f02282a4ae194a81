using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Identity;

/// <summary>
/// Failed password or code checks of one email address: how many since the last success, and when the last was. The key
/// is a hash of the address, and the row exists whether or not the address has an account, so the delay never tells
/// anyone which addresses are registered.
/// </summary>
public class SignInThrottle
{
    public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
}

/// <summary>
/// Growing delays per account instead of a hard lockout: the first <see cref="FreeFailures"/> wrong tries cost nothing,
/// then each try must wait 2, 4, 8 … seconds after the last failure, at most <see cref="MaxDelay"/>. A try during the
/// wait is not checked at all. Nobody (an admin included) can be locked out for longer than the maximum delay, and
/// guessing is held to about one try per <see cref="MaxDelay"/> per account. Counts reset a day after the last failure.
/// Used by every place a password or a code is checked: sign-in, the second step, the password change, turning off
/// two-step sign-in.
/// </summary>
public sealed class AccountThrottle(PortalDbContext db, TimeProvider clock)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    /// <summary>The delay after <paramref name="failures"/> failures in a row.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - FreeFailures + 1, 20))));

    /// <summary>The hash that keys an address: the address itself is never stored here.</summary>
    public static string KeyFor(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("physioportal-throttle:" + email.Trim().ToUpperInvariant()));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>How long the address must still wait before its next try (zero: try now).</summary>
    public async Task<TimeSpan> WaitAsync(string email, CancellationToken ct = default)
    {
        var key = KeyFor(email);
        var row = await db.SignInThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => new { t.Failures, t.LastFailureAt }).FirstOrDefaultAsync(ct);
        if (row is null) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        if (now - row.LastFailureAt > Forget) return TimeSpan.Zero;
        var wait = row.LastFailureAt + DelayAfter(row.Failures) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts a failed check (one statement: two tries at once both count).</summary>
    public Task FailedAsync(string email, CancellationToken ct = default)
    {
        var key = KeyFor(email);
        var now = clock.GetUtcNow().ToUniversalTime();
        var forget = now - Forget;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SignInThrottles" ("Key", "Failures", "LastFailureAt") VALUES ({key}, 1, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "SignInThrottles"."LastFailureAt" < {forget} THEN 1 ELSE "SignInThrottles"."Failures" + 1 END,
                "LastFailureAt" = {now}
            """, ct);
    }

    /// <summary>A right password or code: the count starts again.</summary>
    public Task SucceededAsync(string email, CancellationToken ct = default)
    {
        var key = KeyFor(email);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>"2 minutes", "45 seconds": how a wait reads on a page.</summary>
    public static string Describe(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        return seconds > 90 ? $"{(seconds + 59) / 60} minutes" : seconds == 1 ? "1 second" : $"{seconds} seconds";
    }
}
