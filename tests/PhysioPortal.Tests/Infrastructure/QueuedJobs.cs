using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>Runs jobs the pages queued in Hangfire's real storage (the shared host has no Hangfire server).</summary>
public static class QueuedJobs
{
    /// <summary>Performs the queued reset emails of one account, with the arguments the page stored.</summary>
    public static async Task RunQueuedPasswordResetEmailsAsync(this PortalFactory factory, string userId)
    {
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitoring.EnqueuedJobs("default", 0, 5000)
            .Where(j => j.Value.Job?.Type == typeof(PasswordResetEmail) && (string?)j.Value.Job.Args[0] == userId)
            .ToList();
        Assert.NotEmpty(jobs);
        await using var scope = factory.Services.CreateAsyncScope();
        foreach (var (_, job) in jobs)
        {
            await scope.ServiceProvider.GetRequiredService<PasswordResetEmail>().SendAsync((string?)job.Job.Args[0], (string)job.Job.Args[1]);
        }
    }
}
