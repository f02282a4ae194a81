using System.Diagnostics;
using Microsoft.Playwright;

namespace PhysioPortal.Bench;

/// <summary>
/// The peer a clinic's developer would otherwise pick for a handout: Debian's Chromium, headless, printing the patient's
/// HTML page of the routine to PDF. Measured two ways: warm (one browser kept running, as a server would keep it: the
/// HTML set into a page and printed, the time per PDF) and cold (<c>chromium --headless --print-to-pdf</c>, a process
/// per PDF, as a script would call it).
/// </summary>
internal static class ChromiumPeer
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <param name="WarmCpuMs">CPU time per PDF of the browser's processes (all of this process's descendants: the
    /// driver, the browser, its renderer and GPU processes), which a busy shared machine disturbs less than wall time.</param>
    public sealed record Result(double[] WarmMs, double[] ColdMs, int Bytes, int Pages, double WarmCpuMs);

    public static bool Available => File.Exists(ChromiumPath);

    /// <summary>Warm: <paramref name="count"/> prints after <paramref name="warmup"/> untimed ones; cold: <paramref name="cold"/> processes.</summary>
    public static async Task<Result> MeasureAsync(string htmlFile, bool letter, int count, int warmup, int cold)
    {
        var baseUrl = new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
        });
        var page = await browser.NewPageAsync();
        var pdfOptions = new PagePdfOptions { Format = letter ? "Letter" : "A4", PrintBackground = true };
        byte[] pdf = [];
        async Task<double> PrintOnce()
        {
            var start = Stopwatch.GetTimestamp();
            // The page as the server sent it, its stylesheets from the same folder (no network): parse, style, lay out, print.
            await page.GotoAsync(baseUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            pdf = await page.PdfAsync(pdfOptions);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        for (var i = 0; i < warmup; i++) await PrintOnce();
        var warm = new double[count];
        var cpuBefore = DescendantsCpuMs();
        for (var i = 0; i < count; i++) warm[i] = await PrintOnce();
        var warmCpu = (DescendantsCpuMs() - cpuBefore) / count;

        var coldMs = new double[cold];
        var outFile = Path.Combine(Path.GetTempPath(), $"peer-{Environment.ProcessId}.pdf");
        for (var i = 0; i < cold; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var info = new ProcessStartInfo(ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var a in Args) info.ArgumentList.Add(a);
            info.ArgumentList.Add("--no-pdf-header-footer");
            info.ArgumentList.Add($"--print-to-pdf={outFile}");
            info.ArgumentList.Add(baseUrl);
            using var process = Process.Start(info)!;
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
            coldMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        File.Delete(outFile);
        return new Result(warm, coldMs, pdf.Length, CountPages(pdf), warmCpu);
    }

    /// <summary>User and system CPU of every process descended from this one (Linux /proc), in milliseconds.</summary>
    private static double DescendantsCpuMs()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) "
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }
        var self = Environment.ProcessId;
        bool Descends(int pid)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
            {
                if (parent == self) return true;
            }
            return false;
        }
        var total = ticks.Where(t => Descends(t.Key)).Sum(t => t.Value);
        return total * 1000.0 / 100; // USER_HZ is 100 on Linux
    }

    /// <summary>Pages of a PDF by its page objects (good enough for Chromium's output).</summary>
    private static int CountPages(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var count = 0;
        for (var i = text.IndexOf("/Type /Page", StringComparison.Ordinal); i >= 0; i = text.IndexOf("/Type /Page", i + 1, StringComparison.Ordinal))
        {
            var next = i + "/Type /Page".Length;
            if (next >= text.Length || text[next] != 's') count++;
        }
        return count;
    }
}
