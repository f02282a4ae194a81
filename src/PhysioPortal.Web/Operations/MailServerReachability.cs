using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// Degraded (not unhealthy) when the SMTP server does not accept a connection: pages work, and emails wait as rows
/// until it is back, so an orchestrator should keep routing to this instance while the operator is told. The answer
/// is kept for <see cref="Remember"/> so that frequent probes do not knock on the mail server each time.
/// </summary>
public sealed class MailServerReachability(IOptionsMonitor<EmailOptions> options, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(15);

    private (DateTimeOffset At, string Server, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            return HealthCheckResult.Degraded("No mail server is configured (Email:SmtpHost): emails are written to the log, not sent.");
        }
        var server = $"{o.SmtpHost}:{o.SmtpPort}";
        var now = clock.GetUtcNow();
        if (_last is { } last && last.Server == server && now - last.At < Remember) return last.Result;

        HealthCheckResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(o.SmtpHost, o.SmtpPort, timeout.Token);
            result = HealthCheckResult.Healthy("The mail server accepts connections.");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            result = HealthCheckResult.Degraded("The mail server does not accept connections: emails wait and go out when it is back.");
        }
        _last = (now, server, result);
        return result;
    }
}
