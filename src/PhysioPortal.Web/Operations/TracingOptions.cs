using System.Globalization;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// Where trace spans go, bound from the "Tracing" section: an OpenTelemetry collector's OTLP/HTTP (protobuf) address,
/// off while empty (docs/decisions/0019-traces-over-otlp.md).
/// </summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>
    /// The collector, e.g. http://127.0.0.1:4318 (traces go to its /v1/traces) or a full URL with its own path;
    /// empty (the default) turns traces off.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The share of requests and jobs traced when no caller decided it (0 to 1; a traced caller's choice is kept).</summary>
    public double SampleRatio { get; set; } = 1.0;

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>Where spans are posted, or the reason the setting cannot be used (shown when the portal refuses to start).</summary>
    public (Uri? Traces, string? Problem) Endpoint()
    {
        if (!Enabled) return (null, null);
        var text = OtlpEndpoint!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return (null, $"Tracing:OtlpEndpoint \"{text}\" is not a collector's address; write its OTLP/HTTP address like http://127.0.0.1:4318 (traces are posted to /v1/traces there), or leave it empty to turn traces off.");
        }
        if (!double.IsFinite(SampleRatio) || SampleRatio <= 0 || SampleRatio > 1)
        {
            return (null, $"Tracing:SampleRatio {SampleRatio.ToString(CultureInfo.InvariantCulture)} is not a share of requests; write a number above 0 and at most 1 (1 traces every request, 0.1 one in ten).");
        }
        // A collector's base address gets the traces path (as OTEL_EXPORTER_OTLP_ENDPOINT does); a path is kept as given.
        return url.AbsolutePath == "/" ? (new Uri(url, "v1/traces"), null) : (url, null);
    }
}
