using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;
using PhysioPortal.Web.Operations;

namespace PhysioPortal.Tests.Operations;

/// <summary>The Prometheus metrics on the operator's listener count what the portal did, and the public port has none.</summary>
[Collection(PortalCollection.Name)]
public partial class MetricsTests(PortalFactory factory)
{
    public static Uri Address(PortalFactory factory)
    {
        _ = factory.Server;
        return factory.Services.GetRequiredService<MetricsListener>().Address ?? throw new InvalidOperationException("the metrics listener is off");
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = Address(factory) };
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include all the given ones (0 when there is none yet).</summary>
    private static double Value(string scrape, string metric, params string[] labels) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task Sending_an_email_rendering_a_handout_and_raising_an_alert_show_in_the_counters()
    {
        var clinic = await factory.ClinicAsync();
        var (patient, rx, row) = await factory.PatientWithDueReminderAsync(clinic.Id, DateTimeOffset.UtcNow);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var before = await ScrapeAsync();

        await using (var s = factory.SystemDb())
        {
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }
        Assert.Equal(EmailState.Sent, (await factory.RowsAsync(patient.Id)).Single(r => r.Id == row.Id).State);
        var pdf = await client.GetAsync("/me/handout.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        await using (var s = factory.SystemDb())
        {
            s.Db.Alerts.Add(new Alert
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, Kind = AlertKind.TooHard,
                UniqueKey = $"metrics:{Guid.NewGuid()}", Summary = "Too hard twice", RaisedAt = DateTimeOffset.UtcNow,
            });
            await s.Db.SaveChangesAsync();
        }

        var after = await ScrapeAsync();
        Assert.True(Value(after, "portal_emails_sent_total", "kind=\"reminder\"") >= Value(before, "portal_emails_sent_total", "kind=\"reminder\"") + 1, after);
        Assert.Equal(1, Value(after, "portal_handouts_rendered_total", "purpose=\"download\"") - Value(before, "portal_handouts_rendered_total", "purpose=\"download\""));
        Assert.Equal(1, Value(after, "portal_alerts_raised_total", "kind=\"too_hard\"") - Value(before, "portal_alerts_raised_total", "kind=\"too_hard\""));

        // What waits, ASP.NET Core's requests, Npgsql's commands and Hangfire's jobs are there too.
        Assert.Contains("portal_emails_queue{", after, StringComparison.Ordinal);
        Assert.Contains("portal_jobs{", after, StringComparison.Ordinal);
        Assert.True(Value(after, "http_server_request_duration_seconds_count", "http_route=\"me/handout.pdf\"") >= 1, "no ASP.NET Core request metrics");
        Assert.Matches(new Regex("^db_client_", RegexOptions.Multiline), after);
        // Npgsql's pools are not labelled with their connection strings (host, port, database, user).
        Assert.Contains("db_client_connection_state=\"idle\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("pool_name", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=", after, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", after, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_public_port_has_no_metrics()
    {
        var response = await factory.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("portal_emails", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The Grafana dashboard in the repository asks for the portal's metrics by their current names.</summary>
public partial class DashboardTests
{
    [Fact]
    public void Every_portal_metric_the_dashboard_charts_exists_and_every_portal_metric_is_charted()
    {
        var published = new HashSet<string>();
        using (var listener = new System.Diagnostics.Metrics.MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name != PhysioPortal.Core.Operations.PortalMetrics.MeterName) return;
                var name = instrument.Name.Replace('.', '_');
                published.Add(instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ? name + "_total" : name);
            };
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(PhysioPortal.Core.Operations.PortalMetrics).TypeHandle);
            listener.Start();
        }
        var dashboard = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "operations", "grafana-dashboard.json"));
        using var json = System.Text.Json.JsonDocument.Parse(dashboard); // it is valid JSON
        var charted = PortalName().Matches(dashboard).Select(m => m.Value).ToHashSet();
        Assert.True(published.Count >= 7, string.Join(", ", published));
        Assert.Empty(charted.Except(published));
        Assert.Empty(published.Except(charted));
    }

    [GeneratedRegex(@"\bportal_[a-z_]+(?=[{\[(\s])")]
    private static partial Regex PortalName();
}

public class MetricsOptionsTests
{
    [Fact]
    public void Networks_are_read_from_one_line_and_a_wrong_one_is_named()
    {
        var (networks, problem) = new MetricsOptions { AllowedNetworks = "10.0.0.0/8, 192.0.2.7 ,::1/128" }.ParseNetworks();
        Assert.Null(problem);
        Assert.True(MetricsOptions.Allows(networks, IPAddress.Parse("10.20.30.40")));
        Assert.True(MetricsOptions.Allows(networks, IPAddress.Parse("192.0.2.7").MapToIPv6()));
        Assert.False(MetricsOptions.Allows(networks, IPAddress.Parse("192.0.2.8")));
        Assert.False(MetricsOptions.Allows(networks, IPAddress.Loopback));
        Assert.False(MetricsOptions.Allows(networks, null));

        Assert.Contains("\"10.0.0.0/33\" is not a network", new MetricsOptions { AllowedNetworks = "10.0.0.0/33" }.ParseNetworks().Problem, StringComparison.Ordinal);
        Assert.Contains("\"intranet\" is not a network", new MetricsOptions { AllowedNetworks = "127.0.0.1, intranet" }.ParseNetworks().Problem, StringComparison.Ordinal);
        Assert.Contains("is empty", new MetricsOptions { AllowedNetworks = " , " }.ParseNetworks().Problem, StringComparison.Ordinal);
    }
}
