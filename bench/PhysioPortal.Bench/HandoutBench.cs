using System.Diagnostics;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Bench;

/// <summary>
/// Renders the handout of an 8-exercise prescription (about 3 pages, built from the real library through the real
/// mapping) and prints how long it takes and how much it allocates.
/// </summary>
internal static class HandoutBench
{
    private static readonly string[] Slugs =
        ["childs-pose", "cat-camel-stretch", "bird-dog", "dead-bug", "plank", "side-plank", "wall-angels", "pigeon-pose"];

    public static int Run(Options options)
    {
        var model = HandoutFactory.Map(Source(options.Letter ? PaperSize.Letter : PaperSize.A4), "https://portal.example.org");
        var document = new HandoutDocument();
        var renderer = new PdfSharpRenderer();

        var sample = document.Render(model);
        var pages = renderer.Layout(HandoutDocument.Compose(model)).PageCount;
        if (options.Out is { } path)
            File.WriteAllBytes(path, sample);

        Console.WriteLine($"Handout: {model.Exercises.Count} exercises, {pages} pages, {sample.Length / 1024.0:F0} KB, {model.PaperSize}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}");
        Console.WriteLine($"Runs:    {options.Warmup} warm-up, then {options.Count} timed on one thread");
        Console.WriteLine();

        // Warm-up: JIT (tiered up to optimised code), font metrics, glyph caches.
        for (var i = 0; i < options.Warmup; i++)
            document.Render(model);

        // One thread, whole handout; allocations counted around exactly these renders.
        var total = new double[options.Count];
        var gen0 = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < options.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            document.Render(model);
            total[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var allocatedPerHandout = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)options.Count;
        var collections = GC.CollectionCount(0) - gen0;

        // The two stages on their own: layout (compose + measure + break into pages) and the PDFsharp write.
        var layout = new double[options.Count];
        var write = new double[options.Count];
        using var sink = new MemoryStream(sample.Length * 2);
        for (var i = 0; i < options.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var spec = HandoutDocument.Compose(model);
            var laidOut = renderer.Layout(spec);
            var middle = Stopwatch.GetTimestamp();
            sink.SetLength(0);
            renderer.Draw(laidOut, spec, sink);
            var end = Stopwatch.GetTimestamp();
            layout[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            write[i] = Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds;
        }

        // All cores: the same work spread by Parallel.For; throughput from the wall clock.
        var cores = Environment.ProcessorCount;
        var parallelCount = Math.Max(options.Count, 50 * cores);
        Parallel.For(0, Math.Min(options.Warmup, 20 * cores), new ParallelOptions { MaxDegreeOfParallelism = cores }, _ => document.Render(model));
        var wall = Stopwatch.StartNew();
        Parallel.For(0, parallelCount, new ParallelOptions { MaxDegreeOfParallelism = cores }, _ => document.Render(model));
        wall.Stop();

        var median = Percentile(total, 0.5);
        Console.WriteLine("                                   median      p90      min");
        Row("whole handout (ms)", total);
        Row("  layout: compose, measure, pages", layout);
        Row("  PDF write (PDFsharp)", write);
        Console.WriteLine();
        Console.WriteLine($"handouts per second, 1 thread      {1000 / median,8:F0}   (from the median)");
        Console.WriteLine($"handouts per second, {cores} cores      {parallelCount / wall.Elapsed.TotalSeconds,8:F0}   ({parallelCount} renders in {wall.Elapsed.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"bytes allocated per handout        {allocatedPerHandout,8:N0}   ({collections} gen-0 collections in {options.Count} renders)");
        return 0;
    }

    private static void Row(string label, double[] values) =>
        Console.WriteLine($"{label,-33} {Percentile(values, 0.5),7:F2}  {Percentile(values, 0.9),7:F2}  {values.Min(),7:F2}");

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>A prescription as a clinician would save it: 8 library exercises, notes on some, three days a week.</summary>
    private static HandoutSource Source(PaperSize paper)
    {
        var exercises = Slugs.Select((slug, i) =>
        {
            var seed = ExerciseLibrary.BySlug(slug);
            return new PrescribedExercise
            {
                Id = Guid.NewGuid(),
                Position = i + 1,
                Slug = seed.Slug,
                Name = seed.Name,
                Group = seed.Group,
                StartingPosition = seed.Position,
                Equipment = seed.Equipment,
                Steps = [.. seed.Steps],
                Targets = seed.Targets,
                Cautions = seed.Cautions,
                Dosage = seed.Dosage,
                Note = i % 3 == 1 ? "Go slowly: about three seconds each way, and keep breathing." : null,
            };
        }).ToList();

        return new HandoutSource
        {
            ClinicId = Guid.NewGuid(),
            ClinicName = "Riverside Physiotherapy & Spine Clinic",
            ClinicPhone = "+353 1 555 0142",
            ClinicEmail = "hello@riversidephysio.example",
            ClinicAddress = "12 Harbour Road, Dublin",
            PaperSize = paper,
            ClinicTimeZoneId = "Europe/Dublin",
            PatientId = Guid.NewGuid(),
            PatientFirstName = "José",
            PatientLastName = "Müller-Łukasiewicz",
            PatientConditions = ConditionSet.LowerBack | ConditionSet.Core,
            PrescriptionId = Guid.NewGuid(),
            Version = new PrescriptionVersion
            {
                Id = Guid.NewGuid(),
                Number = 2,
                CreatedAt = new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero),
                AuthorUserId = "bench",
                AuthorName = "Aoife Ní Bhriain, MISCP",
                Title = "Back strength and mobility",
                Days = DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday,
                SessionsPerDay = 1,
                StartDate = new DateOnly(2026, 3, 16),
                Weeks = 6,
                NoteToPatient = "Do this routine on the days shown, ideally at the same time of day. Move slowly, breathe " +
                                "steadily and never push into sharp pain.",
                Exercises = exercises,
            },
        };
    }
}
