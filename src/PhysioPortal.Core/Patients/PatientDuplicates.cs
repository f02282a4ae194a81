using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Patients;

/// <summary>
/// Two records for one person get two sets of reminders, and the second cannot be invited. Within a clinic the same
/// email address is refused (a unique index on the lower-cased address backs this); the same name and date of birth
/// is only a warning, since two people can share both, so the clinician confirms.
/// </summary>
public static class PatientDuplicates
{
    public sealed record Match(Guid Id, string Name, DateOnly? DateOfBirth, bool IsArchived);

    /// <summary>The form in which addresses are compared (and indexed): as typed, lower-cased.</summary>
    public static string? Normalise(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The patient of the context's clinic who already has this address (other than <paramref name="except"/>).</summary>
    public static Task<Match?> EmailOwnerAsync(PortalDbContext db, string? email, Guid? except = null, CancellationToken ct = default)
    {
        var key = Normalise(email);
        if (key is null) return Task.FromResult<Match?>(null);
        return db.Patients.AsNoTracking().Where(p => p.EmailKey == key && p.Id != except)
            .Select(p => new Match(p.Id, p.FirstName + " " + p.LastName, p.DateOfBirth, p.ArchivedAt != null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Patients of the context's clinic with the same first and last name (any case) and date of birth.</summary>
    public static async Task<IReadOnlyList<Match>> SamePersonAsync(PortalDbContext db, string firstName, string lastName, DateOnly? dateOfBirth,
        Guid? except = null, CancellationToken ct = default)
    {
        if (dateOfBirth is null) return [];
        var first = firstName.Trim().ToLower();
        var last = lastName.Trim().ToLower();
        return await db.Patients.AsNoTracking()
            .Where(p => p.DateOfBirth == dateOfBirth && p.LastName.ToLower() == last && p.FirstName.ToLower() == first && p.Id != except)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new Match(p.Id, p.FirstName + " " + p.LastName, p.DateOfBirth, p.ArchivedAt != null))
            .Take(5).ToListAsync(ct);
    }

    /// <summary>True when a save failed on the unique address index (two saves raced past the check).</summary>
    public static bool IsDuplicateEmail(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg
        && pg.ConstraintName == EmailIndexName;

    public const string EmailIndexName = "IX_Patients_ClinicId_EmailKey";
}
