using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;
using PhysioPortal.Web.Operations;

namespace PhysioPortal.Tests.Operations;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver in the test process (Kestrel on a free loopback port): it keeps the
/// body of every POST to /v1/traces, as http/protobuf, and answers 200 as a collector does.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _bodies = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyCollection<byte[]> Bodies => _bodies;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            if (context.Request.ContentType != "application/x-protobuf") return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _bodies.Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Every span received so far, decoded.</summary>
    public IReadOnlyList<OtlpSpan> Spans() => _bodies.SelectMany(OtlpSpan.Decode).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>
/// A span as OTLP's protobuf carries it, read by hand (field numbers of opentelemetry-proto's trace.proto and
/// common.proto): its scope (instrumentation), trace and span ids, parent, name and string or number attributes.
/// </summary>
public sealed record OtlpSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public static IEnumerable<OtlpSpan> Decode(byte[] request)
    {
        foreach (var (_, resourceSpans) in Fields(request).Where(f => f.Number == 1))          // ExportTraceServiceRequest.resource_spans
        {
            foreach (var (_, scopeSpans) in Fields(resourceSpans).Where(f => f.Number == 2))   // ResourceSpans.scope_spans
            {
                var scope = Fields(scopeSpans).Where(f => f.Number == 1)                       // ScopeSpans.scope
                    .SelectMany(s => Fields(s.Value)).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Value)).FirstOrDefault() ?? "";
                foreach (var (_, span) in Fields(scopeSpans).Where(f => f.Number == 2))        // ScopeSpans.spans
                {
                    var fields = Fields(span).ToList();
                    string Hex(int number) => Convert.ToHexString(fields.FirstOrDefault(f => f.Number == number).Value ?? []);
                    var attributes = new Dictionary<string, string>();
                    foreach (var (_, keyValue) in fields.Where(f => f.Number == 9))           // Span.attributes
                    {
                        var kv = Fields(keyValue).ToList();
                        var key = Encoding.UTF8.GetString(kv.First(f => f.Number == 1).Value);
                        var any = kv.Where(f => f.Number == 2).SelectMany(f => Fields(f.Value)).FirstOrDefault();
                        attributes[key] = any.Number switch
                        {
                            1 => Encoding.UTF8.GetString(any.Value),                             // AnyValue.string_value
                            3 => ReadVarint(any.Value, 0).Value.ToString(System.Globalization.CultureInfo.InvariantCulture), // int_value
                            _ => "",
                        };
                    }
                    yield return new OtlpSpan(scope, Hex(1), Hex(2), Hex(4),
                        Encoding.UTF8.GetString(fields.FirstOrDefault(f => f.Number == 5).Value ?? []), attributes);
                }
            }
        }
    }

    /// <summary>The fields of one protobuf message: length-delimited ones with their bytes, varints as their bytes, fixed ones skipped.</summary>
    private static IEnumerable<(int Number, byte[] Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var (key, next) = ReadVarint(message, at);
            at = next;
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    var start = at;
                    at = ReadVarint(message, at).Next;
                    yield return (number, message[start..at]);
                    break;
                case 1: at += 8; break;
                case 2:
                    var (length, body) = ReadVarint(message, at);
                    at = body + (int)length;
                    yield return (number, message[body..at]);
                    break;
                case 5: at += 4; break;
                default: throw new InvalidDataException($"protobuf wire type {key & 7} at byte {at}");
            }
        }
    }

    private static (ulong Value, int Next) ReadVarint(byte[] bytes, int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return (value, at);
        }
    }
}

/// <summary>The portal with traces on, sending them to the receiver above.</summary>
public sealed class TracedPortalFactory : PortalFactory, IAsyncLifetime
{
    public OtlpReceiver Collector { get; } = new();

    public Task InitializeAsync() => Collector.StartAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The collector's base address, as an operator writes it: the portal posts to its /v1/traces.
        builder.UseSetting("Tracing:OtlpEndpoint", Collector.Address.ToString());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Collector.DisposeAsync();
    }

    /// <summary>Flushes the portal's exporter until a span matching <paramref name="found"/> has arrived (a minute at most).</summary>
    public async Task<IReadOnlyList<OtlpSpan>> SpansUntilAsync(Func<IReadOnlyList<OtlpSpan>, bool> found)
    {
        var provider = Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            provider.ForceFlush(10_000);
            var spans = Collector.Spans();
            if (found(spans) || DateTime.UtcNow > deadline) return spans;
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// Traces over OTLP (docs/decisions/0019-traces-over-otlp.md): a request's span with its route, the database commands
/// and the handout's rendering inside it, an email's send, all received by a collector over http/protobuf.
/// </summary>
public class TracingTests(TracedPortalFactory factory) : IClassFixture<TracedPortalFactory>
{
    [Fact]
    public async Task A_request_its_database_commands_and_its_handout_arrive_at_the_collector_as_one_trace()
    {
        var clinic = await factory.ClinicAsync();
        var (patient, _, _) = await factory.PatientWithDueReminderAsync(clinic.Id, DateTimeOffset.UtcNow);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/handout.pdf")).StatusCode);

        static OtlpSpan? Request(IReadOnlyList<OtlpSpan> spans) =>
            spans.FirstOrDefault(s => s.Scope == "Microsoft.AspNetCore" && s.Attributes.GetValueOrDefault("http.route") == "me/handout.pdf");
        var spans = await factory.SpansUntilAsync(s => Request(s) is { } r && s.Any(x => x.TraceId == r.TraceId && x.Name == "handout render"));
        var request = Request(spans);
        Assert.True(request is not null, $"no span for GET me/handout.pdf among {spans.Count}: {string.Join(", ", spans.Select(s => $"{s.Scope}/{s.Name}"))}");
        Assert.Equal("200", request.Attributes.GetValueOrDefault("http.response.status_code"));
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        var render = Assert.Single(trace, s => s.Scope == "PhysioPortal" && s.Name == "handout render");
        Assert.Equal(request.SpanId, render.ParentSpanId);
        Assert.Contains(trace, s => s.Scope == "Npgsql" && s.ParentSpanId == request.SpanId);

        // The connection string's password never leaves, nor do health probes.
        Assert.All(factory.Collector.Bodies, b => Assert.DoesNotContain("Password=", Encoding.UTF8.GetString(b), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().GetAsync("/Identity/Account/Login")).StatusCode);
        var later = await factory.SpansUntilAsync(s => s.Any(x => x.Attributes.GetValueOrDefault("http.route") == "Identity/Account/Login"));
        Assert.Contains(later, x => x.Attributes.GetValueOrDefault("http.route") == "Identity/Account/Login");
        Assert.DoesNotContain(later, s => s.Name.Contains("health", StringComparison.OrdinalIgnoreCase)
            || s.Attributes.Values.Any(v => v.StartsWith("/health", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_email_sent_is_a_span_with_its_kind()
    {
        var clinic = await factory.ClinicAsync();
        await factory.PatientWithDueReminderAsync(clinic.Id, DateTimeOffset.UtcNow);
        await using (var s = factory.SystemDb())
        {
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }
        var spans = await factory.SpansUntilAsync(s => s.Any(x => x.Name == "email send"));
        var send = spans.First(s => s.Name == "email send");
        Assert.Equal(("PhysioPortal", "reminder"), (send.Scope, send.Attributes.GetValueOrDefault("portal.email.kind")));
    }
}

/// <summary>A traces setting that cannot work stops the start with a message that says how to write it, and no stack trace.</summary>
public class TracingSettingsTests
{
    [Theory]
    [InlineData("collector:4318", "Tracing__OtlpEndpoint", "Tracing:OtlpEndpoint \"collector:4318\" is not a collector's address")]
    [InlineData("http://127.0.0.1:4318", "Tracing__SampleRatio=2", "Tracing:SampleRatio 2 is not a share of requests")]
    [InlineData("http://127.0.0.1:4318", "Tracing__SampleRatio=half", "Write Tracing:SampleRatio as a number")]
    public async Task A_wrong_setting_is_named_at_start_without_a_stack_trace(string endpoint, string setting, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Never reached: the settings are read before anything connects.
            ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            ["Metrics__Url"] = "",
            ["Tracing__OtlpEndpoint"] = endpoint,
        };
        if (setting.Contains('=', StringComparison.Ordinal)) environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        await using var portal = new PortalProcess("portal with a wrong traces setting", Nginx.FreePort(), environment);
        portal.Start();
        var code = await portal.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(200); // the last lines of output
        var output = portal.Output();
        Assert.Equal((PortalSettingException.ExitCode, true), (code, output.Contains(message, StringComparison.Ordinal)));
        Assert.StartsWith("PhysioPortal cannot start: ", output.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
