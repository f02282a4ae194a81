using System.ComponentModel;
using System.Diagnostics;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// Runs one of the independent checkers (qpdf, the Nu HTML checker, ical.js, SpamAssassin) as a process. ./portal test
/// installs them (scripts/checkers.sh); a missing required checker fails the test with how to install it, never skips.
/// </summary>
public static class CheckerTool
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>tests/checkers: the npm packages (vnu-jar, ical.js) and the Node script that drives ical.js.</summary>
    public static string Directory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PORTAL_CHECKERS");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "checkers");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
            throw new InvalidOperationException("tests/checkers not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The path of a file under tests/checkers/node_modules, or a failure saying how to install it.</summary>
    public static string NpmFile(string relative)
    {
        var path = Path.Combine(Directory, "node_modules", relative);
        if (!File.Exists(path))
            Assert.Fail($"{path} is missing: run ./portal test (it runs 'npm ci --ignore-scripts' in tests/checkers).");
        return path;
    }

    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>Runs a checker to its end (with an optional standard input) and returns its exit code and output.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string? input = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception)
        {
            Assert.Fail($"{program} is not installed; ./portal test installs the checkers (scripts/checkers.sh) when it runs as root.");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} took more than {timeoutSeconds} s.");
            }
            return new Result(process.ExitCode, output.Result, errors.Result);
        }
    }
}
