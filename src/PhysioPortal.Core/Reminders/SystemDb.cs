using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The DbContext background work uses (planning, sending, unsubscribing by link): it sees every clinic
/// (<see cref="ClinicScope.System"/>) and has its own connection, apart from the request's clinic-scoped context.
/// </summary>
public sealed class SystemDb(DbContextOptions<PortalDbContext> options) : IAsyncDisposable, IDisposable
{
    public PortalDbContext Db { get; } = new(options, ClinicScope.System);

    public ValueTask DisposeAsync() => Db.DisposeAsync();

    public void Dispose() => Db.Dispose();
}
