using Microsoft.AspNetCore.Http;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Core.Data;

/// <summary>
/// Whose data a <see cref="PortalDbContext"/> may read. The query filters read it each time a query runs, never when
/// the context is made. Contexts get their scope only from <see cref="PortalContexts"/>, through one of its three
/// doors.
/// </summary>
public interface IClinicScope
{
    Guid? ClinicId { get; }
    bool AllClinics { get; }
}

public sealed class ClinicScope : IClinicScope
{
    private ClinicScope(Guid? clinicId, bool allClinics) => (ClinicId, AllClinics) = (clinicId, allClinics);

    /// <summary>No clinic: no patient data at all (the built-in library and templates are still visible).</summary>
    public static readonly ClinicScope None = new(null, false);

    /// <summary>Every clinic: background jobs that work across clinics.</summary>
    public static readonly ClinicScope Everyone = new(null, true);

    public static ClinicScope Of(Guid clinicId) => new(clinicId, false);

    public Guid? ClinicId { get; }
    public bool AllClinics { get; }
}

/// <summary>
/// The signed-in user's clinic, read from the clinic claim each time a query runs, not when the context is made:
/// Identity's cookie validation makes a context before the request's user is known. Outside a request (start-up
/// seeding) and for anonymous requests there is no clinic.
/// </summary>
public sealed class SignedInClinicScope(IHttpContextAccessor accessor) : IClinicScope
{
    public Guid? ClinicId => accessor.HttpContext?.User.ClinicIdOrNull();

    public bool AllClinics => false;
}
