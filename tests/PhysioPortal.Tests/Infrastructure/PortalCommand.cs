using System.Diagnostics;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// <c>./portal db ...</c> of this checkout, run as a child process the way an operator runs it. <c>./portal test</c>
/// sets PORTAL_DB_CONTROL to the command and its private cluster is the one the tests use.
/// </summary>
public static class PortalCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Db(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var control = Environment.GetEnvironmentVariable("PORTAL_DB_CONTROL")
                      ?? throw new InvalidOperationException("PORTAL_DB_CONTROL is not set: run the tests with ./portal test, which runs the private PostgreSQL the operations tests use.");
        var parts = control.Split(' ', 2);
        var start = new ProcessStartInfo(parts[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (parts.Length > 1) start.ArgumentList.Add(parts[1]);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{control} {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the command and fails the test with its output when it does not succeed.</summary>
    public static Result DbOk(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Db(args, environment);
        Assert.True(result.ExitCode == 0, $"./portal db {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Output}\n{result.Error}");
        return result;
    }
}
