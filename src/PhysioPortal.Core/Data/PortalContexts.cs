using Microsoft.EntityFrameworkCore;

namespace PhysioPortal.Core.Data;

/// <summary>
/// The one way to get a <see cref="PortalDbContext"/>: three doors, one per kind of caller (why clinics are kept apart
/// by query filters: docs/decisions/0003-clinic-scoping-by-query-filters.md).
/// <list type="bullet">
/// <item><see cref="ForSignedInUser"/>: a page or service working for the signed-in user sees that user's clinic. This
/// is the context DI injects as <see cref="PortalDbContext"/>; an anonymous request sees no clinic.</item>
/// <item><see cref="ForClinic"/>: a page opened by a link token (one-tap log, calendar feed, unsubscribe, invitation)
/// sees the token's clinic, known only once the token is found.</item>
/// <item><see cref="ForAllClinics"/>: background work across clinics (planning and sending emails). Services get it
/// by taking <see cref="AllClinicsDb"/> in their constructor.</item>
/// </list>
/// The caller disposes the contexts of <see cref="ForClinic"/> and <see cref="ForAllClinics"/>.
/// </summary>
public sealed class PortalContexts(IDbContextFactory<PortalDbContext> factory, IClinicScope signedIn)
{
    public PortalDbContext ForSignedInUser() => Open(signedIn);

    public PortalDbContext ForClinic(Guid clinicId) => Open(ClinicScope.Of(clinicId));

    public PortalDbContext ForAllClinics() => Open(ClinicScope.Everyone);

    private PortalDbContext Open(IClinicScope scope)
    {
        var db = factory.CreateDbContext();
        db.Scope = scope;
        return db;
    }
}

/// <summary>
/// The constructor type of a service that works across clinics (the email planner and sender, the handout attached
/// to an email): one context for the DI scope, from <see cref="PortalContexts.ForAllClinics"/>, with its own
/// connection apart from the request's.
/// </summary>
public sealed class AllClinicsDb(PortalContexts contexts) : IAsyncDisposable, IDisposable
{
    public PortalDbContext Db { get; } = contexts.ForAllClinics();

    public ValueTask DisposeAsync() => Db.DisposeAsync();

    public void Dispose() => Db.Dispose();
}
