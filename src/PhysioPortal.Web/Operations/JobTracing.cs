using System.Diagnostics;
using Hangfire.Server;
using PhysioPortal.Core.Operations;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// A trace span around every Hangfire job run ("job SendDueEmailsJob.RunAsync"), so the job's database commands and
/// emails sit under it. Nothing when traces are off (the source has no listener: no span is started).
/// </summary>
public sealed class JobTracing : IServerFilter
{
    private const string Key = "portal.trace.span";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = PortalTracing.Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Internal);
        if (activity is null) return;
        activity.SetTag("portal.job.id", context.BackgroundJob.Id);
        activity.SetTag("portal.job.type", job.Type.Name);
        context.Items[Key] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(Key, out var item) || item is not Activity activity) return;
        if (context.Exception is { } error && !context.ExceptionHandled) activity.Failed(error);
        activity.Stop();
    }
}
