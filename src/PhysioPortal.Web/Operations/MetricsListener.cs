using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// The metrics in Prometheus' text format at <c>/metrics</c> on a listener of their own (<see cref="MetricsOptions.Url"/>),
/// answered only to the operator's networks; the portal's public port has no such path. Started and stopped with the
/// portal (docs/decisions/0010-metrics-on-an-operator-port.md).
/// </summary>
public sealed class MetricsListener(IServiceProvider services, IOptions<MetricsOptions> options, ILogger<MetricsListener> logger)
    : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _app;

    /// <summary>Where it listens once started (the real port when the setting says port 0), or null when it is off.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Url)) return;
        var (networks, problem) = o.ParseNetworks();
        if (problem is not null) throw new InvalidOperationException(problem);
        if (!Uri.TryCreate(o.Url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"Metrics:Url \"{o.Url}\" is not an address to listen on; write it like http://127.0.0.1:9464 (or empty to turn metrics off).");
        }

        services.GetRequiredService<QueueGauges>();
        var meters = services.GetRequiredService<MeterProvider>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(o.Url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!MetricsOptions.Allows(networks, context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Metrics are for the operator's networks only (Metrics:AllowedNetworks).\n");
                return;
            }
            await next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, path: Path, configureBranchedPipeline: null, optionsName: null);
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The metrics listener cannot listen on {o.Url} ({e.Message}). Choose another Metrics:Url, or \"\" to turn it off.", e);
        }
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? o.Url;
        Address = new Uri(bound);
        logger.LogInformation("Metrics for Prometheus: {Address}{Path} (answered to {Networks})", bound, Path, o.AllowedNetworks);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }
}
