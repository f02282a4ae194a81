using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Operations;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// What waits, read from the database when metrics are collected: scheduled emails by kind and state (due now,
/// planned for later, being sent) and Hangfire's jobs by state. Read at most every <see cref="Fresh"/> (several
/// scrapers, or a scrape per instance, cost one query), and each gauge is the whole database's: with two portal
/// instances take max(), not sum().
/// </summary>
public sealed class QueueGauges
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueGauges> _logger;
    private readonly Lock _gate = new();
    private DateTimeOffset _emailsAt = DateTimeOffset.MinValue, _jobsAt = DateTimeOffset.MinValue;
    private List<Measurement<long>> _emails = [], _jobs = [];

    public QueueGauges(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QueueGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        PortalMetrics.ObserveQueues(Emails, Jobs);
    }

    private IEnumerable<Measurement<long>> Emails() => Read(ref _emailsAt, ref _emails, ReadEmails);

    private IEnumerable<Measurement<long>> Jobs() => Read(ref _jobsAt, ref _jobs, ReadJobs);

    private List<Measurement<long>> Read(ref DateTimeOffset at, ref List<Measurement<long>> last, Func<IServiceProvider, List<Measurement<long>>> read)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - at < Fresh) return last;
            try
            {
                using var scope = _scopes.CreateScope();
                last = read(scope.ServiceProvider);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database is away: report nothing rather than stale numbers (the health check says why).
                _logger.LogDebug(e, "Could not read the queue gauges");
                last = [];
            }
            at = now;
            return last;
        }
    }

    private List<Measurement<long>> ReadEmails(IServiceProvider services)
    {
        var db = services.GetRequiredService<AllClinicsDb>().Db;
        var now = _clock.GetUtcNow();
        var rows = db.ScheduledEmails.AsNoTracking()
            .Where(e => e.State == EmailState.Pending || e.State == EmailState.Sending)
            .GroupBy(e => new { e.Kind, e.State, Due = e.DueAt <= now })
            .Select(g => new { g.Key.Kind, g.Key.State, g.Key.Due, Count = g.LongCount() })
            .ToList();
        var measurements = new List<Measurement<long>>();
        foreach (var kind in Enum.GetValues<EmailKind>())
        {
            foreach (var state in (string[])["due", "later", "sending"])
            {
                var count = rows.Where(r => r.Kind == kind && state switch
                {
                    "sending" => r.State == EmailState.Sending,
                    "due" => r.State == EmailState.Pending && r.Due,
                    _ => r.State == EmailState.Pending && !r.Due,
                }).Sum(r => r.Count);
                measurements.Add(new Measurement<long>(count, PortalMetrics.Kind(kind), new KeyValuePair<string, object?>("state", state)));
            }
        }
        return measurements;
    }

    private static List<Measurement<long>> ReadJobs(IServiceProvider services)
    {
        var stats = services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        return
        [
            Job("enqueued", stats.Enqueued), Job("scheduled", stats.Scheduled), Job("processing", stats.Processing),
            Job("failed", stats.Failed), Job("recurring", stats.Recurring), Job("servers", stats.Servers),
        ];
    }

    private static Measurement<long> Job(string state, long count) => new(count, new KeyValuePair<string, object?>("state", state));
}
