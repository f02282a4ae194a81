using System.Diagnostics;

namespace PhysioPortal.Core.Operations;

/// <summary>
/// The portal's own trace spans (activity source <see cref="SourceName"/>): a handout rendered, an email handed to the
/// mail server, a background job run. When no exporter listens (tracing off, the default) starting one costs a check
/// and returns null. The web project exports them with ASP.NET Core's and Npgsql's over OTLP
/// (docs/decisions/0019-traces-over-otlp.md).
/// </summary>
public static class PortalTracing
{
    public const string SourceName = "PhysioPortal";

    public static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>A handout PDF composed and rendered (for a download, an email or an export).</summary>
    public static Activity? HandoutRender() => Source.StartActivity("handout render");

    /// <summary>One email handed to the mail server over the batch's connection.</summary>
    public static Activity? EmailSend(Reminders.EmailKind kind)
    {
        var activity = Source.StartActivity("email send");
        activity?.SetTag("portal.email.kind", PortalMetrics.Snake(kind.ToString()));
        return activity;
    }

    /// <summary>Marks a span failed with the exception's type (never its message: it may name a patient's address).</summary>
    public static void Failed(this Activity? activity, Exception error)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.SetTag("error.type", error.GetType().FullName);
    }
}
