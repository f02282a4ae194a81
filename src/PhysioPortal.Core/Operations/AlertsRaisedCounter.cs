using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Alerts;

namespace PhysioPortal.Core.Operations;

/// <summary>
/// Counts alerts when they are stored, not when a rule raises them: a save that fails (and is tried again) counts
/// once, and whichever code adds an alert is counted without knowing about metrics.
/// </summary>
public sealed class AlertsRaisedCounter : Data.SaveHooks
{
    public static readonly AlertsRaisedCounter Instance = new();

    private readonly ConditionalWeakTable<DbContext, List<AlertKind>> _saving = [];

    protected override void BeforeSave(DbContext context)
    {
        var added = context.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Kind).ToList();
        if (added.Count > 0) _saving.AddOrUpdate(context, added);
        else _saving.Remove(context);
    }

    protected override void AfterSave(DbContext context)
    {
        if (!_saving.TryGetValue(context, out var added)) return;
        _saving.Remove(context);
        foreach (var kind in added) PortalMetrics.AlertRaised(kind);
    }

    protected override void SaveFailed(DbContext context) => _saving.Remove(context);
}
