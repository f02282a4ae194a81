using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Tokens;

/// <summary>Issues and checks link tokens. Tokens are 256 random bits, URL-safe; the database keeps only the hash.</summary>
public sealed class LinkTokens(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Creates a token and returns it (to put in a link). Not saved until the caller saves the context.</summary>
    public string Issue(TokenPurpose purpose, Guid clinicId, Guid patientId, TimeSpan lifetime, Guid? prescriptionId = null, DateOnly? localDate = null)
    {
        var raw = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.LinkTokens.Add(new LinkToken
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Hash = HashOf(raw),
            Purpose = purpose,
            PatientId = patientId,
            PrescriptionId = prescriptionId,
            LocalDate = localDate,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        return raw;
    }

    /// <summary>The live token of that purpose, or null when unknown, expired, used, or of another purpose.</summary>
    public async Task<LinkToken?> FindAsync(string? raw, TokenPurpose purpose, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 100) return null;
        var hash = HashOf(raw);
        var now = clock.GetUtcNow();
        // Needed: a link opens without a signed-in user, so no clinic is known yet; the token names its clinic.
        return await db.LinkTokens.IgnoreQueryFilters()
            .FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Revokes every live token of a purpose for a patient (e.g. a re-sent invitation replaces the old link). The caller
    /// works for the patient's clinic (a clinician, or the patient in their settings).
    /// </summary>
    public Task<int> RevokeAsync(Guid patientId, TokenPurpose purpose, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.LinkTokens.Where(t => t.PatientId == patientId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
    }

    public static string HashOf(string raw) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
