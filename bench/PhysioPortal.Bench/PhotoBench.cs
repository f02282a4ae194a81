using System.Diagnostics;
using PhysioPortal.Core.Media;

namespace PhysioPortal.Bench;

/// <summary>
/// Issue 13's upload figures, in this process through the portal's own parts: a 12-megapixel phone JPEG (4000 × 3000,
/// EXIF orientation and GPS) processed by <see cref="PhotoProcessor"/> (decode, turn upright, web and print sizes,
/// re-encode without metadata) on one core; the peak memory one upload adds; and ten uploads at once through the
/// portal's <see cref="UploadGate"/> with its configured limit (<see cref="MediaOptions.ConcurrentUploads"/>).
/// </summary>
internal static class PhotoBench
{
    public static int Run(Options options)
    {
        var photo = PhoneJpeg();
        if (options.Out is { } path) File.WriteAllBytes(path, photo);
        var processor = new PhotoProcessor();
        var limit = new MediaOptions().ConcurrentUploads;
        Console.WriteLine($"Photo: 4000 x 3000 JPEG, {photo.Length / 1024.0 / 1024.0:F1} MB, EXIF orientation 6 and GPS; the portal's upload limit: {limit} at a time per instance");

        // One core, as issue 13 asks: this process on CPU 0 only (libvips runs one thread per photo anyway).
        if (OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = 1;
        // The first upload of the process: what it adds on top of a process that has never processed a photo.
        var cold = PeakExtraMb(() => Upload(processor, photo));
        for (var i = 1; i < Math.Min(options.Warmup, 3); i++) Upload(processor, photo);

        var count = Math.Min(options.Count, 20);
        var times = new double[count];
        var cpu = new double[count];
        ProcessedPhoto? last = null;
        for (var i = 0; i < count; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            last = Upload(processor, photo);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine($"upload, one core (ms)               median {times[count / 2],7:F0}   max {times[^1]:F0}   CPU median {cpu[count / 2]:F0}   (goal: at most 400)");
        Console.WriteLine($"stored: web {last!.WebWidth} x {last.WebHeight} {last.Web.Length / 1024.0:F0} KB, print {last.PrintWidth} x {last.PrintHeight} {last.Print.Length / 1024.0:F0} KB");

        // Peak memory one upload adds: the resident set's high-water mark, reset just before (Linux /proc).
        var peaks = new List<double>();
        for (var i = 0; i < 3; i++) peaks.Add(PeakExtraMb(() => Upload(processor, photo)));
        Console.WriteLine($"peak extra memory, one upload (MB)  {Math.Max(cold, peaks.Max()),7:F0}   (the first in the process {cold:F0}; later ones {string.Join(", ", peaks.Select(p => p.ToString("F0")))}: the allocator keeps what the first took; goal: at most 150)");

        // Ten clinicians upload at once: the gate lets `limit` through at a time; memory stays that of `limit` uploads.
        if (OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = (1 << Environment.ProcessorCount) - 1;
        var gate = new UploadGate(limit);
        var inside = 0;
        var most = 0;
        var wall = Stopwatch.StartNew();
        var tenPeak = PeakExtraMb(() => Task.WaitAll([.. Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            try
            {
                Upload(processor, photo);
            }
            finally
            {
                Interlocked.Decrement(ref inside);
            }
        }))]));
        Console.WriteLine($"ten uploads at once                 at most {most} processed at a time (limit {limit}), peak extra memory {tenPeak:F0} MB, all done in {wall.Elapsed.TotalMilliseconds:F0} ms");
        return 0;
    }

    /// <summary>As the portal does it: the upload read into one array, then processed.</summary>
    private static ProcessedPhoto Upload(PhotoProcessor processor, byte[] photo)
    {
        var bytes = new byte[photo.Length];
        photo.CopyTo(bytes, 0);
        return processor.Process(bytes);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static double PeakExtraMb(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!OperatingSystem.IsLinux()) return double.NaN;
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current resident set
        var before = Status("VmRSS");
        action();
        return (Status("VmHWM") - before) / 1024.0;
    }

    private static long Status(string field) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)).First();

    /// <summary>A photo-like 12 MP JPEG: smooth shapes (Perlin noise, three scales per channel) plus sensor grain.</summary>
    private static byte[] PhoneJpeg()
    {
        using var r = NetVips.Image.Perlin(4000, 3000, cellSize: 400);
        using var g = NetVips.Image.Perlin(4000, 3000, cellSize: 150, seed: 7);
        using var b = NetVips.Image.Perlin(4000, 3000, cellSize: 60, seed: 11);
        using var grain = NetVips.Image.Gaussnoise(4000, 3000, sigma: 6, mean: 0);
        using var rgb = r.Bandjoin(g, b).Linear([90.0, 90.0, 90.0], [128.0, 128.0, 128.0]).Add(grain).Cast(NetVips.Enums.BandFormat.Uchar);
        using var srgb = rgb.Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        using var tagged = srgb.Mutate(m =>
        {
            m.Set(NetVips.GValue.GIntType, "orientation", 6);
            m.Set(NetVips.GValue.GStrType, "exif-ifd0-Make", "BenchPhone");
            m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLatitude", "53/1 20/1 0/1");
        });
        return tagged.JpegsaveBuffer(q: 92, keep: NetVips.Enums.ForeignKeep.All);
    }
}
