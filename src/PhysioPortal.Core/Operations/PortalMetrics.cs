using System.Diagnostics.Metrics;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Operations;

/// <summary>
/// The portal's own measurements (meter <see cref="MeterName"/>): what it did, counted where it happened. The web
/// project exports them with ASP.NET Core's and Npgsql's in Prometheus format to the operator
/// (docs/decisions/0010-metrics-on-an-operator-port.md). Gauges of what waits (emails, jobs) are read on each scrape.
/// </summary>
public static class PortalMetrics
{
    public const string MeterName = "PhysioPortal";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> EmailsSent =
        Meter.CreateCounter<long>("portal.emails.sent", "{email}", "Emails the mail server accepted, by kind.");

    private static readonly Counter<long> EmailsFailed =
        Meter.CreateCounter<long>("portal.emails.failed", "{email}", "Emails given up on (refused for good, out of attempts, or outcome unknown), by kind and reason.");

    private static readonly Counter<long> EmailsRetried =
        Meter.CreateCounter<long>("portal.emails.retried", "{email}", "Sending attempts that failed and will be tried again, by kind.");

    private static readonly Counter<long> HandoutsRendered =
        Meter.CreateCounter<long>("portal.handouts.rendered", "{handout}", "Handout PDFs rendered, by purpose (download, email, export).");

    private static readonly Counter<long> AlertsRaised =
        Meter.CreateCounter<long>("portal.alerts.raised", "{alert}", "Alerts stored for clinicians, by kind.");

    public static void EmailSent(EmailKind kind) => EmailsSent.Add(1, Kind(kind));

    /// <summary>reason: "refused" (a permanent SMTP refusal), "attempts" (gave up after the last try), "unknown".</summary>
    public static void EmailFailed(EmailKind kind, string reason) =>
        EmailsFailed.Add(1, Kind(kind), new KeyValuePair<string, object?>("reason", reason));

    public static void EmailRetried(EmailKind kind) => EmailsRetried.Add(1, Kind(kind));

    /// <summary>purpose: "download", "email" or "export".</summary>
    public static void HandoutRendered(string purpose) => HandoutsRendered.Add(1, new KeyValuePair<string, object?>("purpose", purpose));

    public static void AlertRaised(AlertKind kind) => AlertsRaised.Add(1, new KeyValuePair<string, object?>("kind", Snake(kind.ToString())));

    private static Func<IEnumerable<Measurement<long>>> _emailQueue = () => [];
    private static Func<IEnumerable<Measurement<long>>> _jobs = () => [];

    private static readonly ObservableGauge<long> EmailQueue = Meter.CreateObservableGauge("portal.emails.queue", () => _emailQueue(),
        "{email}", "Scheduled emails not yet sent, by kind and state (due, later, sending).");

    private static readonly ObservableGauge<long> Jobs = Meter.CreateObservableGauge("portal.jobs", () => _jobs(),
        "{job}", "Hangfire jobs by state (enqueued, scheduled, processing, failed, recurring, servers).");

    /// <summary>
    /// Where the gauges of what waits read their values when metrics are collected (once per process: the gauges are
    /// the process's, the reader is the host's).
    /// </summary>
    public static void ObserveQueues(Func<IEnumerable<Measurement<long>>> emails, Func<IEnumerable<Measurement<long>>> jobs)
    {
        _ = (EmailQueue, Jobs);
        _emailQueue = emails;
        _jobs = jobs;
    }

    public static KeyValuePair<string, object?> Kind(EmailKind kind) => new("kind", Snake(kind.ToString()));

    /// <summary>"ClinicianDigest" → "clinician_digest": label values in the usual Prometheus style.</summary>
    public static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
