using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// SpamAssassin's offline score (-L: no network tests, so no DNS block lists, no Razor/Pyzor) for a batch of emails in
/// one run (an mbox). Optional: the tests that use it are skipped, saying why, where it is not installed.
/// </summary>
public static partial class SpamAssassin
{
    public static bool Installed => CheckerTool.IsInstalled("spamassassin");

    public const string NotInstalled =
        "SpamAssassin is not installed (Debian: apt-get install -y spamassassin; ./portal test installs it when it runs as root).";

    public sealed record Score(double Points, IReadOnlyList<string> Rules);

    /// <summary>Scores each raw RFC 5322 message; returns the scores in the same order.</summary>
    public static IReadOnlyList<Score> Scores(IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mbox = new StringBuilder();
        foreach (var m in messages)
        {
            mbox.Append("From checker@localhost Thu Jan  1 00:00:00 2026\n");
            foreach (var line in m.ReplaceLineEndings("\n").Split('\n'))
                mbox.Append(line.StartsWith("From ", StringComparison.Ordinal) ? ">" + line : line).Append('\n');
            mbox.Append('\n');
        }
        var r = CheckerTool.Run("spamassassin", ["-L", "-t", "--mbox"], mbox.ToString(), timeoutSeconds: 180);
        var reports = Report().Matches(r.Output);
        Assert.True(reports.Count == messages.Count, $"SpamAssassin scored {reports.Count} of {messages.Count} emails (exit {r.ExitCode}): {r.Errors}");
        return reports.Select(x => new Score(
            double.Parse(x.Groups["points"].Value, CultureInfo.InvariantCulture),
            Rule().Matches(x.Groups["rules"].Value).Select(rule => rule.Value.Trim()).Where(rule => !rule.StartsWith("-0.0", StringComparison.Ordinal) && !rule.StartsWith("0.0", StringComparison.Ordinal)).ToList())).ToList();
    }

    [GeneratedRegex(@"Content analysis details:\s+\((?<points>-?[0-9.]+) points[^\n]*\n\s*\n\s*pts rule name[^\n]*\n-[-\s]+\n(?<rules>(?:[^\n]+\n)*)")]
    private static partial Regex Report();

    [GeneratedRegex(@"^\s*-?[0-9.]+ [A-Z0-9_]+ .*$", RegexOptions.Multiline)]
    private static partial Regex Rule();
}

/// <summary>A fact that is skipped, saying why, when SpamAssassin is not installed.</summary>
public sealed class SpamAssassinFactAttribute : FactAttribute
{
    public SpamAssassinFactAttribute()
    {
        if (!SpamAssassin.Installed) Skip = SpamAssassin.NotInstalled;
    }
}
