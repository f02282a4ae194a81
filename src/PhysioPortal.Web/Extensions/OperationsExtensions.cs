using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PhysioPortal.Core.Operations;
using PhysioPortal.Web.Operations;

namespace PhysioPortal.Web.Extensions;

public static class OperationsExtensions
{
    private const string Ready = "ready";

    /// <summary>
    /// Health checks for orchestrators (database and migrations: unhealthy; mail server: degraded) and OpenTelemetry
    /// metrics (ASP.NET Core, Kestrel, Npgsql, the .NET runtime, the portal's own) on the operator's metrics listener.
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
            throw new InvalidOperationException(problem);
        }
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));
        if (string.IsNullOrWhiteSpace(metrics.Url)) return builder; // metrics off: nothing collects them either
        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddSingleton<MetricsListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsListener>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("physioportal", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Npgsql", "System.Runtime", PortalMetrics.MeterName)
                // Scrapes are rare (every 15 s or so) and cheap (about 50 µs); the exporter's cache would hide a fresh count.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
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
