using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PhysioPortal.Core.Data;

/// <summary>
/// A save interceptor reduced to three hooks, the same for synchronous and asynchronous saves: before the save (read
/// the change tracker), after it succeeded, after it failed.
/// </summary>
public abstract class SaveHooks : SaveChangesInterceptor
{
    protected abstract void BeforeSave(DbContext context);

    protected abstract void AfterSave(DbContext context);

    protected abstract void SaveFailed(DbContext context);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } c) BeforeSave(c);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } c) BeforeSave(c);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } c) AfterSave(c);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } c) AfterSave(c);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } c) SaveFailed(c);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } c) SaveFailed(c);
        return Task.CompletedTask;
    }
}
