using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PhysioPortal.Core.Alerts;

namespace PhysioPortal.Core.Operations;

/// <summary>
/// Counts alerts when they are stored, not when a rule raises them: a save that fails (and is tried again) counts
/// once, and whichever code adds an alert is counted without knowing about metrics.
/// </summary>
public sealed class AlertsRaisedCounter : SaveChangesInterceptor
{
    public static readonly AlertsRaisedCounter Instance = new();

    private readonly ConditionalWeakTable<DbContext, List<AlertKind>> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Kind).ToList();
        if (added.Count > 0) _saving.AddOrUpdate(context, added);
        else _saving.Remove(context);
    }

    private void Count(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var added)) return;
        _saving.Remove(context);
        foreach (var kind in added) PortalMetrics.AlertRaised(kind);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _saving.Remove(context);
    }
}
