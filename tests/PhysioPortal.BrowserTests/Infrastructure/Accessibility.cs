using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests.Infrastructure;

/// <summary>
/// Checks every page a flow visits: a full-page screenshot to /tmp/browser-shots and an axe-core scan with the WCAG 2.1
/// A and AA rules. Violations are collected over the whole flow and reported together at the end, so one run shows
/// every problem (page, rule, elements, why).
/// </summary>
public sealed class Accessibility(ITestOutputHelper output, string flow)
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly List<string> failures = [];
    private readonly List<string> relaxed = [];
    private int shot;

    /// <summary>Screenshots the page and scans it; <paramref name="allowed"/> lists rules not to fail on here, with why.</summary>
    public async Task CheckAsync(IPage page, string name, IReadOnlyDictionary<string, string>? allowed = null)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        shot++;
        var file = Path.Combine(BrowserFixture.ShotsDirectory, $"{flow}-{shot:D2}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations],
        });
        var path = new Uri(page.Url).PathAndQuery;
        output.WriteLine($"{flow} #{shot} {name}: {path} · axe {result.Violations.Length} violation(s) · {file}");
        foreach (var violation in result.Violations)
        {
            var text = Describe(path, name, violation);
            if (allowed is not null && allowed.TryGetValue(violation.Id, out var reason))
            {
                relaxed.Add($"{text}  (relaxed: {reason})");
            }
            else
            {
                failures.Add(text);
            }
        }
    }

    /// <summary>Fails with every violation found in the flow; prints the relaxed ones either way.</summary>
    public void AssertNoViolations()
    {
        if (relaxed.Count > 0)
        {
            output.WriteLine($"Relaxed (not failing) in {flow}:{Environment.NewLine}{string.Join(Environment.NewLine, relaxed)}");
        }
        if (failures.Count > 0)
        {
            var message = $"axe-core found {failures.Count} WCAG 2.1 A/AA violation(s) in the {flow} flow:{Environment.NewLine}" +
                          string.Join(Environment.NewLine, failures);
            output.WriteLine(message);
            Assert.Fail(message);
        }
    }

    private static string Describe(string path, string name, AxeResultItem violation)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"- [{violation.Impact}] {violation.Id} on {name} ({path}): {violation.Help} <{violation.HelpUrl}>");
        foreach (var node in violation.Nodes.Take(8))
        {
            var target = string.Join(" ", node.Target?.ToString() ?? "");
            var why = string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Distinct());
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{Environment.NewLine}    at {target}: {Shorten(node.Html)}{Environment.NewLine}       {why}");
        }
        if (violation.Nodes.Length > 8) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.NewLine}    … and {violation.Nodes.Length - 8} more");
        return text.ToString();
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 200 ? html : html[..200] + "…";
}
