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
                      --slugs A,B   the routine's exercises by library slug (default: the bench's own 8)
                      --peer-html F the patient's HTML page of the same routine (saved by ./portal bench): Debian's
                                    Chromium prints it to PDF, warm and cold, for the ratio to the handout
                      --peer-count N  timed prints by the warm Chromium (default 30)
                    Beside the handout it measures the floor: PDFsharp writing the same text runs with no layout.
          photos      issue 13's upload figures: a 12-megapixel phone JPEG processed on one core (median ms), the
                      peak memory one upload adds, and ten uploads at once through the portal's upload gate
                      --count N (at most 20 timed uploads), --out FILE (the generated JPEG)
          plans CONNECTION-STRING CLINIC-ID
                      PostgreSQL's plan of the patient list's statements (as the list sends them) for every search
                      shape, and page 500 counted out against read on from page 499 (keyset)
        """);
    return args.Length == 0 ? 1 : 0;
}

if (!Stopwatch.IsHighResolution)
    Console.Error.WriteLine("warning: no high-resolution timer; figures are coarse");
#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for figures worth quoting");
#endif

if (args[0] == "plans")
{
    // plans CONNECTION-STRING CLINIC-ID
    if (args.Length != 3 || !Guid.TryParse(args[2], out var clinicId))
    {
        Console.Error.WriteLine("Usage: plans CONNECTION-STRING CLINIC-ID");
        return 2;
    }
    return await PlansBench.RunAsync(args[1], clinicId);
}

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
        return await HandoutBench.RunAsync(options);
    case "photos":
        return PhotoBench.Run(options);
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}'. Try: handouts, photos");
        return 1;
}
