using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests.Infrastructure;

/// <summary>
/// Checks every page a flow visits: a full-page screenshot to /tmp/browser-shots and an axe-core scan with the WCAG 2.1
/// A and AA rules. Violations are collected over the whole flow and reported together at the end, so one run shows
/// every problem (page, rule, elements, why). The HTML the server sent for each checked page also goes through the Nu
/// HTML checker, in one batch at the end of the flow.
/// </summary>
public sealed class Accessibility(ITestOutputHelper output, string flow)
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>A key of the "allowed" rules that keeps a page's HTML from the Nu HTML checker (markup that is not ours).</summary>
    public const string NuHtmlCheckerKey = "nu-html-checker";

    private readonly List<string> failures = [];
    private readonly List<string> relaxed = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> pageErrors = new(); // filled from Playwright's event thread
    private readonly List<PhysioPortal.Tests.Checkers.NuHtmlChecker.Document> documents = [];
    private int shot;
    private IPage? lastPage;
    private IResponse? lastDocument; // the server's answer for the page now shown (after any redirects)

    /// <summary>
    /// Records what a person would not see but should never happen: a failed or 4xx/5xx request for a page's parts
    /// (styles, scripts, images), a console error (a Content-Security-Policy refusal, say) or an uncaught script error.
    /// </summary>
    public IPage Watch(IPage page)
    {
        lastPage = page;
        page.RequestFailed += (_, request) =>
        {
            // A link that downloads a file ends its navigation as "aborted": that one is expected.
            if (request.IsNavigationRequest && request.Failure == "net::ERR_ABORTED") return;
            pageErrors.Enqueue($"- request failed: {request.Method} {request.Url} ({request.Failure})");
        };
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && response.Status == 200) lastDocument = response;
            if (response.Status >= 400) pageErrors.Enqueue($"- {response.Status} for {response.Request.Method} {response.Url}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error") pageErrors.Enqueue($"- console error on {page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => pageErrors.Enqueue($"- script error on {page.Url}: {error}");
        return page;
    }

    /// <summary>Runs a flow; when a step fails, saves a screenshot of where it stopped and prints the page errors.</summary>
    public async Task RunAsync(Func<Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
        }
        catch (Exception) when (lastPage is { IsClosed: false })
        {
            await FailureShotAsync(lastPage);
            throw;
        }
        await CheckHtmlAsync();
        AssertNoViolations();
    }

    /// <summary>Runs the Nu HTML checker once over the HTML of every page checked in this flow.</summary>
    private Task CheckHtmlAsync() => Task.Run(() =>
    {
        var errors = PhysioPortal.Tests.Checkers.NuHtmlChecker.Errors(documents);
        output.WriteLine($"{flow}: Nu HTML checker over {documents.Count} page(s), {errors.Count} error(s)");
        failures.AddRange(errors);
    });

    private async Task FailureShotAsync(IPage page)
    {
        var file = Path.Combine(BrowserFixture.ShotsDirectory, $"{flow}-failed.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"{flow} stopped at {page.Url}; screenshot {file}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"{flow} stopped at {page.Url}; no screenshot ({e.Message})");
        }
        if (failures.Count > 0) output.WriteLine($"Violations found before that:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        if (!pageErrors.IsEmpty) output.WriteLine($"Page errors:{Environment.NewLine}{string.Join(Environment.NewLine, pageErrors)}");
    }

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
        if (allowed is not null && allowed.TryGetValue(NuHtmlCheckerKey, out var notOurs))
        {
            relaxed.Add($"- [html] {name} ({path}) not sent to the Nu HTML checker: {notOurs}");
        }
        else
        {
            var served = lastDocument is { } d && d.Url == page.Url ? await d.TextAsync() : await page.ContentAsync();
            documents.Add(new(name + " (" + path + ")", served));
        }

        // Reflow (WCAG 1.4.10): nothing may push the page wider than the window, which on a phone means sideways scrolling.
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            failures.Add($"- [reflow] on {name} ({path}): the page is {widths[0]}px wide in a {widths[1]}px window (sideways scrolling)");
        }
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
    private void AssertNoViolations()
    {
        if (relaxed.Count > 0)
        {
            output.WriteLine($"Relaxed (not failing) in {flow}:{Environment.NewLine}{string.Join(Environment.NewLine, relaxed)}");
        }
        if (!pageErrors.IsEmpty)
        {
            failures.Add($"Page errors:{Environment.NewLine}{string.Join(Environment.NewLine, pageErrors)}");
        }
        if (failures.Count > 0)
        {
            var message = $"The {flow} flow found {failures.Count} problem(s) (axe-core WCAG 2.1 A/AA violations, Nu HTML checker errors, page errors):{Environment.NewLine}" +
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
