using System.Diagnostics;
using OpenTelemetry.Trace;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// Which spans are kept: requests and job runs by <see cref="TracingOptions.SampleRatio"/> (a traced caller's choice
/// kept), everything inside them as they are; a database command outside any request or job (Hangfire polling its
/// queue every second, the cache broadcast) is dropped, or it would bury the traces that matter.
/// </summary>
public sealed class PortalSampler(double ratio) : Sampler
{
    private readonly Sampler _inner = new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId == default && samplingParameters.Kind == ActivityKind.Client)
        {
            return new SamplingResult(SamplingDecision.Drop);
        }
        return _inner.ShouldSample(samplingParameters);
    }
}
