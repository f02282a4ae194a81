using System.Diagnostics;
using System.Globalization;
using PhysioPortal.Bench;

// PhysioPortal benchmarks: prints tables, never asserts (speed is measured by a bench, not by timed tests).
//   dotnet run -c Release --project bench/PhysioPortal.Bench -- handouts [--count N] [--rounds N] [--warmup N] [--letter] [--out FILE]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
{
    Console.WriteLine("""
        Usage: dotnet run -c Release --project bench/PhysioPortal.Bench -- COMMAND [OPTIONS]

        Commands:
          handouts    render the printed handout of an 8-exercise prescription (4 pages) many times and print
                      median and p90 ms per handout, handouts per second on one thread and on all cores, and bytes
                      allocated per handout
                      --count N     timed renders per round on one thread (default 500)
                      --rounds N    rounds; the best one is shown, since a busy machine only slows a round (default 5)
                      --warmup N    untimed renders first, so the JIT has tiered up (default 1000)
                      --letter      US Letter instead of A4
                      --out FILE    also write one handout to FILE, to look at
        """);
    return args.Length == 0 ? 1 : 0;
}

if (!Stopwatch.IsHighResolution)
    Console.Error.WriteLine("warning: no high-resolution timer; figures are coarse");
#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for figures worth quoting");
#endif

Options options;
try
{
    options = Options.Parse(args.AsSpan(1));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

switch (args[0])
{
    case "handouts":
        return HandoutBench.Run(options);
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}'. Try: handouts");
        return 1;
}
