using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// A clinician's choice about the weekly digest, and the unsubscribe link each digest carries.
/// <list type="bullet">
/// <item>The choice is an Identity user claim (<see cref="ClaimType"/> = <see cref="Off"/>): a per-account setting that
/// Identity already stores, so no column. No claim means the digest is on (the default).</item>
/// <item>The link's token (<see cref="DigestLinks"/>) names the account and expires (<see cref="LinkLifetime"/>): it is protected by the portal's
/// shared, encrypted key ring, so it cannot be forged or pointed at another account, works without signing in (mail
/// programs post to it, RFC 8058), and stores nothing.</item>
/// </list>
/// </summary>
public sealed class DigestSubscription(PortalDbContext db, DigestLinks links)
{
    public const string ClaimType = "physioportal:weekly-digest";
    public const string Off = "off";

    /// <summary>The account a link's token was made for, or null when it is forged, damaged or expired.</summary>
    public string? UserIdOf(string? token) => links.UserIdOf(token);

    public Task<bool> IsOffAsync(string userId, CancellationToken ct = default) =>
        db.UserClaims.AnyAsync(c => c.UserId == userId && c.ClaimType == ClaimType && c.ClaimValue == Off, ct);

    /// <summary>The accounts among <paramref name="userIds"/> that turned the digest off.</summary>
    public static async Task<HashSet<string>> OffAmongAsync(PortalDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0) return [];
        return (await db.UserClaims.AsNoTracking()
            .Where(c => userIds.Contains(c.UserId) && c.ClaimType == ClaimType && c.ClaimValue == Off)
            .Select(c => c.UserId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Turns the digest on or off for an account; false when the account does not exist.</summary>
    public async Task<bool> SetAsync(string userId, bool on, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.PatientId == null, ct)) return false;
        await db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == ClaimType).ExecuteDeleteAsync(ct);
        if (!on)
        {
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = userId, ClaimType = ClaimType, ClaimValue = Off });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>The display name and email of a staff account, for the unsubscribe page; null if there is none.</summary>
    public async Task<(string Name, string? Email)?> StaffAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.PatientId == null)
            .Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        return user is null ? null : (user.DisplayName, user.Email);
    }
}

/// <summary>The digest's unsubscribe links: account-bound, expiring, protected by the shared key ring.</summary>
public sealed class DigestLinks(IDataProtectionProvider protection)
{
    /// <summary>How long a digest's unsubscribe link works: longer than anyone leaves a digest unread.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(90);

    private const string Purpose = "PhysioPortal.WeeklyDigest.Unsubscribe.v1";

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    /// <summary>The token of the unsubscribe link for an account.</summary>
    public string TokenFor(string userId) => protector.Protect(userId, LinkLifetime);

    /// <summary>The account a token was made for, or null when it is forged, damaged or expired.</summary>
    public string? UserIdOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
