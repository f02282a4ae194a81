using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The unsubscribe link of every patient email: a single-purpose token (stored hashed, expiring). Looking it up
/// changes nothing; <see cref="UnsubscribeAsync"/> (a POST, never a GET) stops all emails of that patient: consent off
/// and every pending email cancelled. Doing it twice is harmless, so the link keeps working until it expires. The
/// page has no signed-in user: it reads the token's clinic only (<see cref="PortalContexts.ForClinic"/>).
/// </summary>
public sealed class EmailUnsubscribe(PortalContexts contexts, LinkTokens tokens, EmailPlanner planner)
{
    public sealed record Target(Guid PatientId, string FirstName, string ClinicName, bool AlreadyUnsubscribed);

    public async Task<Target?> FindAsync(string? token, CancellationToken ct = default)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.Unsubscribe, ct);
        if (link is null) return null;
        await using var db = contexts.ForClinic(link.ClinicId);
        return await FindAsync(db, link.PatientId, ct);
    }

    /// <summary>Stops the patient's emails. Returns the target, or null when the link is not valid.</summary>
    public async Task<Target?> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.Unsubscribe, ct);
        if (link is null) return null;
        await using var db = contexts.ForClinic(link.ClinicId);
        var target = await FindAsync(db, link.PatientId, ct);
        if (target is null) return null;
        await db.Patients.Where(p => p.Id == target.PatientId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EmailConsent, false), ct);
        await planner.CancelPendingForPatientAsync(target.PatientId, "Cancelled: the patient unsubscribed.", ct);
        return target with { AlreadyUnsubscribed = true };
    }

    private static Task<Target?> FindAsync(PortalDbContext db, Guid patientId, CancellationToken ct) =>
        db.Patients.AsNoTracking()
            .Where(p => p.Id == patientId)
            .Join(db.Clinics, p => p.ClinicId, c => c.Id, (p, c) => new Target(p.Id, p.FirstName, c.Name, !p.EmailConsent))
            .FirstOrDefaultAsync(ct);
}
