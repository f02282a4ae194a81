using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Identity;

/// <summary>
/// Keeps sign-in tickets in PostgreSQL (<see cref="UserSession"/>): the cookie carries only a random key. A session
/// whose row is gone is signed out on its next request, so ending sessions (sign-out, password change, erasure) takes
/// effect at once, on every copy of the cookie.
/// </summary>
/// <remarks>
/// Every signed-in request reads its session, so a session read from the database is kept in this process for
/// <see cref="CacheFor"/> (the serialized ticket, deserialized afresh for each request). Ending sessions through this
/// process (sign-out, <see cref="UserSessions"/>, erasure) forgets them here at once; another web process that still
/// holds the session forgets it within <see cref="CacheFor"/>, when it reads the row again and finds it gone.
/// </remarks>
public sealed class ServerSideSessions(IServiceScopeFactory scopes, TimeProvider clock, IDataProtectionProvider protection) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("PhysioPortal.Sessions.v1");

    /// <summary>How long a session read from the database is trusted without reading it again (the delay with which an
    /// ending made by another web process reaches this one).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>More sessions than this in the cache: the stale ones are dropped as the next one is added.</summary>
    private const int CacheLimit = 20_000;

    private sealed record Cached(string UserId, byte[] Serialized, DateTimeOffset? ExpiresAt, DateTimeOffset ReadAt);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    /// <summary>Moves whenever sessions end in this process: a read that began before is not cached.</summary>
    private long _endings;

    /// <summary>The key under which a ticket carries its own session id (so a page can tell "this session").</summary>
    public const string SessionIdItem = ".portal.session";

    /// <summary>LastSeenAt is written at most this often (not on every request).</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(5);

    private static readonly TicketSerializer Serializer = TicketSerializer.Default;

    public static string IdFor(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
                     ?? throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored.");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = IdFor(key);
        ticket.Properties.Items[SessionIdItem] = id;
        var now = clock.GetUtcNow();
        await using var db = Open(httpContext);
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
            Ticket = Protect(ticket),
            Device = httpContext is null ? null : DeviceName.Of(httpContext.Request.Headers.UserAgent.ToString()),
            IpAddress = httpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        // Expired sessions of this user are cleared as a new one starts.
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = IdFor(key);
        ticket.Properties.Items[SessionIdItem] = id;
        var bytes = Protect(ticket);
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref _endings);
        _cache.TryRemove(id, out _);
        await using var db = Open(httpContext);
        // Only a session that still exists is renewed: an ended one stays ended.
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, bytes)
            .SetProperty(x => x.ExpiresAt, ticket.Properties.ExpiresUtc)
            .SetProperty(x => x.LastSeenAt, now), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdFor(key);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.ReadAt < CacheFor && now >= cached.ReadAt)
        {
            return cached.ExpiresAt < now ? null : Deserialize(cached.Serialized);
        }
        var endings = Interlocked.Read(ref _endings);
        await using var db = Open(httpContext);
        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresAt, s.LastSeenAt, s.UserId }).FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.ExpiresAt < now)
        {
            _cache.TryRemove(id, out _);
            return null;
        }
        if (now - row.LastSeenAt > SeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        var serialized = UnprotectBytes(row.Ticket);
        if (serialized is null) return null;
        if (Interlocked.Read(ref _endings) == endings) Remember(id, new Cached(row.UserId, serialized, row.ExpiresAt, now));
        return Deserialize(serialized);
    }

    /// <summary>Forgets the cached sessions of these users (their rows were just deleted by this process).</summary>
    public void Forget(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = userIds.ToHashSet(StringComparer.Ordinal);
        Interlocked.Increment(ref _endings);
        foreach (var (id, entry) in _cache)
        {
            if (users.Contains(entry.UserId)) _cache.TryRemove(id, out _);
        }
    }

    private void Remember(string id, Cached entry)
    {
        if (_cache.Count >= CacheLimit)
        {
            foreach (var (staleId, stale) in _cache)
            {
                if (entry.ReadAt - stale.ReadAt >= CacheFor) _cache.TryRemove(staleId, out _);
            }
        }
        _cache[id] = entry;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdFor(key);
        Interlocked.Increment(ref _endings);
        _cache.TryRemove(id, out _);
        await using var db = Open(httpContext);
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        Interlocked.Increment(ref _endings); // a read that began meanwhile is not cached
        _cache.TryRemove(id, out _);
    }

    /// <summary>A context of its own (never the page's, whose pending changes are not ours to save); sessions belong to no clinic.</summary>
    private PortalDbContext Open(HttpContext? http)
    {
        if (http is not null) return http.RequestServices.GetRequiredService<PortalContexts>().ForAllClinics();
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PortalContexts>().ForAllClinics();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(Serializer.Serialize(ticket));

    private byte[]? UnprotectBytes(byte[] data)
    {
        try
        {
            return _protector.Unprotect(data);
        }
        catch (CryptographicException)
        {
            return null; // keys rotated away or tampered with: signed out
        }
    }

    private static AuthenticationTicket? Deserialize(byte[] serialized) => Serializer.Deserialize(serialized);
}

/// <summary>A short, human name for a browser from its User-Agent ("Firefox on Windows").</summary>
public static class DeviceName
{
    public static string? Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        string Browser() =>
            userAgent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : userAgent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : userAgent.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "A browser";
        string System() =>
            userAgent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : userAgent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "an unknown system";
        return $"{Browser()} on {System()}";
    }
}

/// <summary>The sessions of an account: list them, end one, end all (or all but the one in use).</summary>
public sealed class UserSessions(PortalDbContext db, TimeProvider clock, ServerSideSessions store)
{
    public sealed record Item(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Device, string? IpAddress);

    /// <summary>The session id of the request's own sign-in (null when not signed in with a stored session).</summary>
    public static async Task<string?> CurrentIdAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await http.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
        return result.Properties?.Items.TryGetValue(ServerSideSessions.SessionIdItem, out var id) == true ? id : null;
    }

    public async Task<IReadOnlyList<Item>> ActiveAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && (s.ExpiresAt == null || s.ExpiresAt > now))
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new Item(s.Id, s.CreatedAt, s.LastSeenAt, s.Device, s.IpAddress)).ToListAsync(ct);
    }

    /// <summary>Ends every session of the account except <paramref name="keepId"/> (null: all). Returns how many ended.</summary>
    public async Task<int> EndAllAsync(string userId, string? keepId = null, CancellationToken ct = default)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && (keepId == null || s.Id != keepId)).ExecuteDeleteAsync(ct);
        store.Forget([userId]); // the kept one is read again from its row
        return ended;
    }

    public async Task<int> EndAsync(string userId, string id, CancellationToken ct = default)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Id == id).ExecuteDeleteAsync(ct);
        store.Forget([userId]);
        return ended;
    }
}
