using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Exercises;

/// <summary>
/// A clinician's stars on exercises and routines, per user and per clinic. Reads and writes through the clinic-scoped
/// context: a star can only be put on an exercise or routine the clinic can see (built-in or its own), so another
/// clinic's id is simply "not found".
/// </summary>
public sealed class FavouriteStars(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The ids the user starred of one kind (in the signed-in clinic).</summary>
    public async Task<HashSet<Guid>> StarredAsync(string userId, FavouriteKind kind, CancellationToken ct = default) =>
        (await db.Favourites.AsNoTracking().Where(f => f.UserId == userId && f.Kind == kind)
            .Select(f => f.TargetId).ToListAsync(ct)).ToHashSet();

    /// <summary>Stars or unstars; false when the target is not an exercise/routine this clinic can see.</summary>
    public async Task<bool> SetAsync(string userId, Guid clinicId, FavouriteKind kind, Guid targetId, bool starred, CancellationToken ct = default)
    {
        if (!await VisibleAsync(kind, targetId, ct)) return false;
        var existing = await db.Favourites.FirstOrDefaultAsync(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId, ct);
        if (starred && existing is null)
        {
            db.Favourites.Add(new Favourite { UserId = userId, ClinicId = clinicId, Kind = kind, TargetId = targetId, CreatedAt = clock.GetUtcNow() });
        }
        else if (!starred && existing is not null)
        {
            db.Favourites.Remove(existing);
        }
        else
        {
            return true;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (starred)
        {
            // A double click raced another request that starred it first: the star is there, which is what was asked.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>The user's starred exercises and routines that are still offered (not archived), by name.</summary>
    public async Task<(IReadOnlyList<Exercise> Exercises, IReadOnlyList<RoutineTemplate> Routines)> ListAsync(string userId, CancellationToken ct = default)
    {
        var exerciseIds = await StarredAsync(userId, FavouriteKind.Exercise, ct);
        var routineIds = await StarredAsync(userId, FavouriteKind.Routine, ct);
        var exercises = await db.Exercises.AsNoTracking().Where(e => exerciseIds.Contains(e.Id) && e.ArchivedAt == null)
            .OrderBy(e => e.Name).ToListAsync(ct);
        var routines = await db.RoutineTemplates.AsNoTracking().Where(t => routineIds.Contains(t.Id) && t.ArchivedAt == null)
            .OrderBy(t => t.Name).ToListAsync(ct);
        return (exercises, routines);
    }

    private Task<bool> VisibleAsync(FavouriteKind kind, Guid targetId, CancellationToken ct) => kind switch
    {
        FavouriteKind.Exercise => db.Exercises.AnyAsync(e => e.Id == targetId, ct),
        FavouriteKind.Routine => db.RoutineTemplates.AnyAsync(t => t.Id == targetId, ct),
        _ => Task.FromResult(false),
    };
}
