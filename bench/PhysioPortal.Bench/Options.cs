using System.Globalization;

namespace PhysioPortal.Bench;

/// <summary>The command line after the command name.</summary>
/// <param name="Slugs">The routine's exercises (library slugs, in order); null: the bench's own 8.</param>
/// <param name="PeerHtml">The patient's page of the same routine, saved by ./portal bench, for Chromium to print.</param>
/// <param name="PeerCount">Timed prints by the warm Chromium (the cold one runs a fifth as many processes).</param>
internal sealed record Options(int Count, int Warmup, int Rounds, bool Letter, string? Out, string[]? Slugs = null, string? PeerHtml = null, int PeerCount = 30)
{
    public static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options(500, 1000, 5, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--count" => options with { Count = Positive(args, ++i) },
                "--warmup" => options with { Warmup = Positive(args, ++i) },
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "--letter" => options with { Letter = true },
                "--out" when i + 1 < args.Length => options with { Out = args[++i] },
                "--slugs" when i + 1 < args.Length => options with { Slugs = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--peer-html" when i + 1 < args.Length => options with { PeerHtml = args[++i] },
                "--peer-count" => options with { PeerCount = Positive(args, ++i) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }

    private static int Positive(ReadOnlySpan<string> args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{args[i - 1]}' needs a positive whole number.");
}
