using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace PhysioPortal.Core.Data;

public static class PortalMigrations
{
    /// <summary>
    /// Applies the pending migrations. On a database that has never been migrated, EF Core (9 and later) reads the
    /// migrations history table before creating it and logs that expected failure as a red "Failed executing
    /// DbCommand" error (https://github.com/dotnet/efcore/issues/37328), which a new user takes for a broken start.
    /// Creating the database when missing and the history table first (the same idempotent script migrating
    /// would run) makes that read succeed; a real failure still throws.
    /// </summary>
    public static async Task ApplyMigrationsAsync(this PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var database = db.GetService<IRelationalDatabaseCreator>();
        if (!await database.ExistsAsync(cancellationToken))
        {
            await database.CreateAsync(cancellationToken);
        }
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
