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
public sealed class ServerSideSessions(IServiceScopeFactory scopes, TimeProvider clock, IDataProtectionProvider protection) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("PhysioPortal.Sessions.v1");

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
        await using var db = Open(httpContext);
        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresAt, s.LastSeenAt }).FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.ExpiresAt < now) return null;
        if (now - row.LastSeenAt > SeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        return Unprotect(row.Ticket);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdFor(key);
        await using var db = Open(httpContext);
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A context of its own (never the page's, whose pending changes are not ours to save); sessions belong to no clinic.</summary>
    private PortalDbContext Open(HttpContext? http)
    {
        if (http is not null) return http.RequestServices.GetRequiredService<PortalContexts>().ForAllClinics();
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PortalContexts>().ForAllClinics();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(Serializer.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return Serializer.Deserialize(_protector.Unprotect(data));
        }
        catch (CryptographicException)
        {
            return null; // keys rotated away or tampered with: signed out
        }
    }
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
public sealed class UserSessions(PortalDbContext db, TimeProvider clock)
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
    public Task<int> EndAllAsync(string userId, string? keepId = null, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId && (keepId == null || s.Id != keepId)).ExecuteDeleteAsync(ct);

    public Task<int> EndAsync(string userId, string id, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id == id).ExecuteDeleteAsync(ct);
}
