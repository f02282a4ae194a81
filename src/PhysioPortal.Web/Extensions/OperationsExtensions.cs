using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PhysioPortal.Core.Operations;
using PhysioPortal.Web.Operations;

namespace PhysioPortal.Web.Extensions;

public static class OperationsExtensions
{
    private const string Ready = "ready";

    /// <summary>
    /// Health checks for orchestrators (database and migrations: unhealthy; mail server: degraded), OpenTelemetry
    /// metrics (ASP.NET Core, Kestrel, Npgsql, the .NET runtime, the portal's own) on the operator's metrics listener,
    /// and, when a collector is configured, traces over OTLP (ASP.NET Core, Npgsql, the portal's own spans).
    /// A setting that cannot work stops the start with its reason (<see cref="PortalSettingException"/>).
    /// </summary>
    public static WebApplicationBuilder AddPortalOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MailServerReachability>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadiness>("database", HealthStatus.Unhealthy, [Ready])
            .AddCheck<MailServerReachability>("mail", HealthStatus.Degraded, [Ready]);

        var metrics = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        // A wrong setting stops the start with its reason, before anything listens.
        if (!string.IsNullOrWhiteSpace(metrics.Url) && metrics.ParseNetworks().Problem is { } problem)
        {
            throw new PortalSettingException(problem);
        }
        var tracing = ReadTracing(builder.Configuration);
        var (traces, traceProblem) = tracing.Endpoint();
        if (traceProblem is not null) throw new PortalSettingException(traceProblem);
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("physioportal", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"));
        if (traces is not null)
        {
            telemetry.WithTracing(t => t
                .SetSampler(new PortalSampler(tracing.SampleRatio))
                // Probes and scrapes every few seconds would bury the requests that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = c =>
                    !c.Request.Path.StartsWithSegments("/health") && !c.Request.Path.StartsWithSegments(MetricsListener.Path))
                .AddSource("Npgsql", PortalTracing.SourceName)
                .AddOtlpExporter(o =>
                {
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                    o.Endpoint = traces;
                }));
        }
        if (string.IsNullOrWhiteSpace(metrics.Url)) return builder; // metrics off: nothing collects them either
        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddSingleton<MetricsListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsListener>());
        telemetry.WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Npgsql", "System.Runtime", PortalMetrics.MeterName)
            // Npgsql 10.0.3 labels every series with its pool's name, which for a pool made from a connection string
            // is that string less the password: host, port, database and user on the operator's endpoint. Its series
            // keep their other labels and add up over the process's pools.
            .AddView(i => i.Meter.Name == "Npgsql" ? new MetricStreamConfiguration { TagKeys = NpgsqlLabels } : null)
            // Scrapes are rare (every 15 s or so) and cheap (about 50 µs); the exporter's cache would hide a fresh count.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>The labels Npgsql's metrics keep: none that names a server, database or user.</summary>
    private static readonly string[] NpgsqlLabels =
        ["db.client.connection.state", "db.system.name", "db.operation.name", "db.response.status_code", "error.type"];

    private static TracingOptions ReadTracing(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(TracingOptions.Section).Get<TracingOptions>() ?? new TracingOptions();
        }
        catch (InvalidOperationException e)
        {
            // A value that is not of its setting's type (Tracing:SampleRatio=half): the binder names it.
            throw new PortalSettingException($"Tracing: {e.Message} Write Tracing:SampleRatio as a number above 0 and at most 1.");
        }
    }

    /// <summary>
    /// /health/live: the process answers (no checks). /health/ready: the database and its migrations (503 when not)
    /// and the mail server (200 "Degraded" when not). /health: the ready answer in one word, as before.
    /// </summary>
    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            Status = report.Status.ToString(),
            Checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
