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

    public static async Task<int> RunAsync(Options options)
    {
        var model = HandoutFactory.Map(Source(options.Letter ? PaperSize.Letter : PaperSize.A4, options.Slugs ?? Slugs), "https://portal.example.org");
        var document = new HandoutDocument();
        var renderer = new PdfSharpRenderer();

        var cold = Stopwatch.StartNew();
        var sample = document.Render(model);
        cold.Stop();
        var pages = renderer.Layout(HandoutDocument.Compose(model)).PageCount;
        if (options.Out is { } path)
            File.WriteAllBytes(path, sample);

        Console.WriteLine($"Handout: {model.Exercises.Count} exercises, {pages} pages, {sample.Length / 1024.0:F0} KB, {model.PaperSize}; the first one (cold) took {cold.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine($"Runs:    {options.Warmup} warm-up, then {options.Rounds} rounds of {options.Count}; the table shows the round with the lowest median");
        Console.WriteLine("         (other processes on a shared machine only ever make a round slower)");
        Console.WriteLine();

        // Warm-up: JIT (tiered up to optimised code), font metrics, glyph caches, the QR code.
        for (var i = 0; i < options.Warmup; i++)
            RenderOnce(document, model);

        Round? best = null;
        var medians = new List<double>();
        for (var r = 0; r < options.Rounds; r++)
        {
            var round = MeasureRound(document, renderer, model, options.Count, sample.Length);
            medians.Add(Percentile(round.Total, 0.5));
            if (best is null || Percentile(round.Total, 0.5) < Percentile(best.Total, 0.5))
                best = round;
        }

        // All cores: the same work spread by Parallel.For; throughput from the wall clock, best of the rounds.
        var cores = Environment.ProcessorCount;
        var parallelCount = Math.Max(options.Count, 50 * cores);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = cores };
        Parallel.For(0, Math.Min(options.Warmup, 20 * cores), parallel, _ => RenderOnce(document, model));
        var bestParallel = double.MaxValue;
        for (var r = 0; r < options.Rounds; r++)
        {
            var wall = Stopwatch.StartNew();
            Parallel.For(0, parallelCount, parallel, _ => RenderOnce(document, model));
            bestParallel = Math.Min(bestParallel, wall.Elapsed.TotalSeconds);
        }

        // The same handout without pictures, measured in this run by the same rounds, in turn with the pictured one
        // (a shared machine slows both alike): what the pictures cost.
        var textOnly = model with { Exercises = [.. model.Exercises.Select(e => e with { Slug = null })] };
        var textSample = document.Render(textOnly);
        for (var i = 0; i < options.Warmup; i++)
            RenderOnce(document, textOnly);
        // The floor, in turn with both: the same text runs written by PDFsharp with no layout.
        var floor = new HandoutFloor(renderer.Layout(HandoutDocument.Compose(model)));
        for (var i = 0; i < options.Warmup; i++)
            WriteFloor(floor);
        double[]? bestText = null;
        double[]? bestFloor = null;
        var cpuPictured = double.MaxValue;
        var cpuText = double.MaxValue;
        for (var r = 0; r < options.Rounds; r++)
        {
            var pictured = MeasureRound(document, renderer, model, options.Count, sample.Length);
            var plain = MeasureRound(document, renderer, textOnly, options.Count, textSample.Length);
            var floorRound = MeasureFloor(floor, options.Count);
            if (bestFloor is null || Percentile(floorRound, 0.5) < Percentile(bestFloor, 0.5))
                bestFloor = floorRound;
            cpuPictured = Math.Min(cpuPictured, pictured.CpuPerHandout);
            cpuText = Math.Min(cpuText, plain.CpuPerHandout);
            if (Percentile(pictured.Total, 0.5) < Percentile(best!.Total, 0.5))
                best = pictured;
            if (bestText is null || Percentile(plain.Total, 0.5) < Percentile(bestText, 0.5))
                bestText = plain.Total;
        }

        var median = Percentile(best!.Total, 0.5);
        Console.WriteLine("                                   median      p90      min");
        Row("whole handout (ms)", best.Total);
        Row("  layout: compose, measure, pages", best.Layout);
        Row("  PDF write (PDFsharp)", best.Write);
        Console.WriteLine($"per page (ms)                     {median / pages,7:F2}");
        Console.WriteLine();
        Console.WriteLine($"handouts per second, 1 thread      {1000 / median,8:F0}   (from the median; {best.Count / best.WallSeconds:F0} from the wall clock)");
        Console.WriteLine($"handouts per second, {cores} cores      {parallelCount / bestParallel,8:F0}   ({parallelCount} renders in {bestParallel * 1000:F0} ms)");
        Console.WriteLine($"bytes allocated per handout        {best.AllocatedPerHandout,8:N0}   ({best.Gen0} gen-0, {best.Gen2} gen-2 collections in {best.Count} renders)");
        Console.WriteLine($"medians of all rounds (ms)         {string.Join("  ", medians.Select(m => m.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine();
        var textMedian = Percentile(bestText!, 0.5);
        Row("text-only handout, same run (ms)", bestText!);
        Console.WriteLine($"pictures cost (median)             {(median / textMedian - 1) * 100,7:+0.0;-0.0} %   (goal: at most +25 %)");
        // CPU time (the process's, lowest of the rounds) is what a busy shared machine disturbs least: waiting for a core
        // lengthens wall-clock times but not the work done.
        Console.WriteLine($"CPU per handout, pictured / text   {cpuPictured,7:F2} ms / {cpuText:F2} ms   pictures cost {(cpuPictured / cpuText - 1) * 100:+0.0;-0.0} % of CPU");
        Console.WriteLine($"file size, pictured / text-only    {sample.Length / 1024.0,7:F1} KB / {textSample.Length / 1024.0:F1} KB   (goal: under 150 KB)");

        // The yardsticks (issue 17): the floor below, the peer above; only their ratios to the handout count.
        Console.WriteLine();
        var floorMedian = Percentile(bestFloor!, 0.5);
        using (var one = new PooledBufferStream(PdfSharpRenderer.InitialBufferSize))
        {
            floor.Write(one);
            Console.WriteLine($"floor: {floor.TextRuns} text runs ({floor.Characters:N0} characters) on {pages} pages by PDFsharp, no layout, {one.Length / 1024.0:F0} KB");
        }
        Row("floor (ms)", bestFloor!);
        Console.WriteLine($"handout / floor (median)           {median / floorMedian,7:F2}   text-only handout / floor {textMedian / floorMedian:F2}   (goal: at most 2)");
        if (options.PeerHtml is { } html)
        {
            if (!ChromiumPeer.Available || !File.Exists(html))
            {
                Console.WriteLine($"peer: not measured ({(File.Exists(html) ? ChromiumPeer.ChromiumPath : html)} is missing)");
            }
            else
            {
                var peer = await ChromiumPeer.MeasureAsync(html, options.Letter, options.PeerCount, Math.Max(3, options.PeerCount / 5),
                    Math.Max(3, options.PeerCount / 5));
                // The handout again right after, so both sides of the ratio meet the same minute of a shared machine.
                var after = MeasureRound(document, renderer, model, options.Count, sample.Length);
                var handoutNow = Percentile(after.Total, 0.5);
                var peerMedian = Percentile(peer.WarmMs, 0.5);
                Console.WriteLine($"peer: Chromium {ChromiumVersion()} printing the patient's page ({Path.GetFileName(html)}) to PDF: {peer.Pages} pages, {peer.Bytes / 1024.0:F0} KB");
                Row("peer, warm browser (ms)", peer.WarmMs);
                Row("peer, a process per PDF (ms)", peer.ColdMs);
                Row("handout beside the peer (ms)", after.Total);
                Console.WriteLine($"peer / handout (median)            {peerMedian / handoutNow,7:F1}   a process per PDF / handout {Percentile(peer.ColdMs, 0.5) / handoutNow:F0}   (goal: at least 20)");
                // CPU: the browser's processes per PDF against this process's per handout (lowest of its rounds).
                Console.WriteLine($"peer CPU / handout CPU             {peer.WarmCpuMs / after.CpuPerHandout,7:F1}   ({peer.WarmCpuMs:F1} ms / {after.CpuPerHandout:F2} ms a PDF)");
            }
        }
        return 0;
    }

    private static double[] MeasureFloor(HandoutFloor floor, int count)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            WriteFloor(floor);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static void WriteFloor(HandoutFloor floor)
    {
        using var pdf = new PooledBufferStream(PdfSharpRenderer.InitialBufferSize);
        floor.Write(pdf);
    }

    private static string ChromiumVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(ChromiumPeer.ChromiumPath, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private sealed record Round(int Count, double[] Total, double[] Layout, double[] Write, double WallSeconds, double AllocatedPerHandout, int Gen0, int Gen2, double CpuPerHandout);

    /// <summary>One round on this thread: whole handouts (timed one by one, allocations counted), then the two stages.</summary>
    private static Round MeasureRound(HandoutDocument document, PdfSharpRenderer renderer, HandoutModel model, int count, int size)
    {
        var total = new double[count];
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            RenderOnce(document, model);
            total[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        wall.Stop();
        var cpuPerHandout = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        var allocatedPerHandout = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count;
        (gen0, gen2) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);

        // The two stages on their own: layout (compose + measure + break into pages) and the PDFsharp write.
        var layout = new double[count];
        var write = new double[count];
        using var sink = new PooledBufferStream(size * 2);
        for (var i = 0; i < count; i++)
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

        return new Round(count, total, layout, write, wall.Elapsed.TotalSeconds, allocatedPerHandout, gen0, gen2, cpuPerHandout);
    }

    /// <summary>One handout as a download makes it: into a pooled buffer that goes back to the pool once sent.</summary>
    private static void RenderOnce(HandoutDocument document, HandoutModel model)
    {
        using var pdf = new PooledBufferStream(PdfSharpRenderer.InitialBufferSize);
        document.Render(model, pdf);
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
    private static HandoutSource Source(PaperSize paper, IReadOnlyList<string> slugs)
    {
        // Built through the one prescription factory, from the library's own exercises.
        var items = slugs.Select((slug, i) =>
        {
            var exercise = LibrarySeeder.ToExercise(ExerciseLibrary.BySlug(slug));
            return (exercise, exercise.DefaultDosage, i % 3 == 1 ? "Go slowly: about three seconds each way, and keep breathing." : (string?)null);
        });
        var (prescription, version) = PrescriptionFromTemplate.FromExercises("Back strength and mobility", items, Guid.NewGuid(), Guid.NewGuid(),
            "bench", "Aoife Ní Bhriain, MISCP", new DateOnly(2026, 3, 16), new TimeOnly(8, 0), new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero),
            DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, weeks: 6,
            noteToPatient: "Do this routine on the days shown, ideally at the same time of day. Move slowly, breathe " +
                           "steadily and never push into sharp pain.");
        version.Number = 2;

        return new HandoutSource
        {
            ClinicId = prescription.ClinicId,
            ClinicName = "Riverside Physiotherapy & Spine Clinic",
            ClinicPhone = "+353 1 555 0142",
            ClinicEmail = "hello@riversidephysio.example",
            ClinicAddress = "12 Harbour Road, Dublin",
            PaperSize = paper,
            ClinicTimeZoneId = "Europe/Dublin",
            PatientId = prescription.PatientId,
            PatientFirstName = "José",
            PatientLastName = "Müller-Łukasiewicz",
            PatientConditions = ConditionSet.LowerBack | ConditionSet.Core,
            PrescriptionId = prescription.Id,
            Version = version,
        };
    }
}
