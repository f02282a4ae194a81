using System.Diagnostics;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// The built web app (<c>src/PhysioPortal.Web/bin/…/PhysioPortal.Web.dll</c>, built with the tests) run as a real child
/// process on 127.0.0.1, configured by environment variables as an operator configures it. Stopped with SIGTERM (a
/// graceful stop, as systemd, Docker and Kubernetes stop it) or SIGKILL.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _output = new();
    private readonly Lock _gate = new();
    private Process? _process;

    public PortalProcess(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        _environment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The process id of the current run (0 when not running).</summary>
    public int Pid { get; private set; }

    public bool Running => _process is { HasExited: false };

    public static string WebOutput { get; } = Path.Combine(SourceTree.Root, "src", "PhysioPortal.Web", "bin", BuildConfiguration(), "net10.0");

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public void Start()
    {
        var dll = Path.Combine(WebOutput, "PhysioPortal.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing (the test project builds the web project)");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Pid = process.Id;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _output.Enqueue(line);
            while (_output.Count > 200) _output.Dequeue();
        }
    }

    /// <summary>The last 200 lines the process wrote (for failure messages).</summary>
    public string Output()
    {
        lock (_gate) return string.Join('\n', _output);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (Healthy or Degraded: the mail server is optional).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
                throw new InvalidOperationException($"{Name} stopped while starting (exit {_process?.ExitCode}):\n{Output()}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Port}/health/ready");
                request.Headers.Host = "localhost";
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not ready in {timeout.TotalSeconds:0} s:\n{Output()}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM (graceful: in-flight requests finish) and wait for the exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {process.Id} failed");
        }
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Waits for the process to end by itself (a start refused by its settings) and gives its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null) throw new InvalidOperationException($"{Name} was not started");
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: gone at once, mid-request.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
