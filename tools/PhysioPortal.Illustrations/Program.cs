using System.Globalization;
using System.Net;
using System.Text;
using PhysioPortal.Core;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Illustrations;

// The contact sheet: every built-in exercise's two frames with its name, as SVG pages (page-N.svg, a few exercises
// each) and one SVG of all of them (contact-sheet.svg). ./portal illustrations turns them into PNG and PDF.
if (args.Length > 1 && args[0] == "debug")
{
    var ill = ExerciseIllustrations.For(args[1])!;
    foreach (var (name, pose) in new[] { ("start", ill.Start), ("end", ill.End) })
    {
        var b = Skeleton.Of(pose);
        Console.WriteLine($"{name}: {pose}");
        for (var i = 0; i < b.Sections.Count; i++)
            Console.WriteLine($"  section {i}: center {b.Sections[i].Center} bottom {BodyGeometry.Bottom(b, i):0.000}");
        foreach (var c in BodyGeometry.Capsules(b))
            Console.WriteLine($"  {c.Name}: bottom {c.Bottom:0.000} A {c.A} B {c.B}");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "time")
{
    // Where the first use's time goes: each exercise's frames built on first use, then drawn once.
    var total = System.Diagnostics.Stopwatch.StartNew();
    foreach (var e in ExerciseLibrary.Exercises)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ill = ExerciseIllustrations.For(e.Slug)!;
        var built = clock.Elapsed.TotalMilliseconds;
        FigureRenderer.Render(ill);
        Console.WriteLine($"{e.Slug,-36} built {built,8:F1} ms   drawn {clock.Elapsed.TotalMilliseconds - built,6:F1} ms");
    }

    Console.WriteLine($"all 39: {total.Elapsed.TotalMilliseconds:F0} ms");
    return 0;
}

if (args.Length > 0 && args[0] == "ranges")
{
    // The extremes of every joint over all frames, and which exercise reaches them: what the ranges must allow.
    var values = ExerciseLibrary.Exercises.SelectMany(e => new[] { ExerciseIllustrations.For(e.Slug)!.Start, ExerciseIllustrations.For(e.Slug)!.End }
        .SelectMany(p => PhysicalChecks.Joints(p).Select(j => (e.Slug, j.Joint, j.Value, j.Min, j.Max)))).ToList();
    foreach (var g in values.GroupBy(v => v.Joint.Replace("left ", "").Replace("right ", "")))
    {
        var lo = g.MinBy(v => v.Value);
        var hi = g.MaxBy(v => v.Value);
        Console.WriteLine($"{g.Key,-20} {lo.Value,7:0.0} ({lo.Slug})  {hi.Value,7:0.0} ({hi.Slug})   allowed {lo.Min}…{lo.Max}");
    }

    return 0;
}

if (args.Length > 1 && args[0] == "handout")
{
    // A sample handout with 8 illustrated exercises, to look at the vector figures on paper.
    string[] sample = ["childs-pose", "cat-camel-stretch", "bird-dog", "dead-bug", "plank", "side-plank", "wall-angels", "standing-hamstring-stretch-desk"];
    var model = new PhysioPortal.Core.Handouts.HandoutModel
    {
        ClinicName = "Harbour Physio",
        PatientName = "Maeve Byrne",
        ClinicianName = "Aoife Ní Bhriain",
        Date = new DateOnly(2026, 12, 2),
        RoutineTitle = "Lower back routine",
        LogUrl = "https://physio.example/me/log",
        Exercises = [.. sample.Select((slug, i) =>
        {
            var seed = ExerciseLibrary.Exercises.Single(e => e.Slug == slug);
            return new PhysioPortal.Core.Handouts.HandoutExercise
            {
                Number = i + 1, Slug = slug, Name = seed.Name, Steps = seed.Steps, DosageLine = seed.Dosage.ToString(),
                StartingPosition = seed.Position.Label(), Equipment = seed.Equipment.Label(),
            };
        })],
    };
    File.WriteAllBytes(args[1], new PhysioPortal.Core.Handouts.HandoutDocument().Render(model));
    return 0;
}

var output = args.Length > 0 ? args[0] : Path.Combine(".data", "illustrations");
var perPage = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
Directory.CreateDirectory(output);

const int Columns = 2;
const double CellWidth = 680;
const double TitleHeight = 34;
const double FigureHeight = 270;
const double CellHeight = TitleHeight + FigureHeight + 16;

var exercises = ExerciseLibrary.Exercises;
var sizes = new List<(string Slug, int Bytes)>();
var cells = new List<string>();
var problemCount = 0;
for (var i = 0; i < exercises.Count; i++)
{
    var e = exercises[i];
    foreach (var (check, problem) in ExerciseIllustrations.Problems(e.Slug, e.Position))
    {
        problemCount++;
        Console.WriteLine($"{e.Slug}: {check}: {problem}");
    }

    var svg = ExerciseIllustrations.Svg(e.Slug, e.Name) ?? "";
    sizes.Add((e.Slug, Encoding.UTF8.GetByteCount(svg)));
    File.WriteAllText(Path.Combine(output, $"{e.Slug}.svg"), SvgWriter.Standalone(svg));
    cells.Add(svg);
}

var pages = (exercises.Count + perPage - 1) / perPage;
for (var page = 0; page < pages; page++)
{
    var items = Enumerable.Range(page * perPage, Math.Min(perPage, exercises.Count - page * perPage)).ToList();
    File.WriteAllText(Path.Combine(output, $"page-{page + 1}.svg"), Sheet(items, $"PhysioPortal exercise illustrations · page {page + 1} of {pages}"));
}

File.WriteAllText(Path.Combine(output, "contact-sheet.svg"), Sheet([.. Enumerable.Range(0, exercises.Count)], "PhysioPortal exercise illustrations"));
File.WriteAllLines(Path.Combine(output, "svg-sizes.tsv"), sizes.Select(s => $"{s.Slug}\t{s.Bytes}"));
Console.WriteLine($"{problemCount} failed checks");
Console.WriteLine($"{exercises.Count} exercises, {pages} pages; SVG per exercise: max {sizes.Max(s => s.Bytes)} B, median {sizes.Select(s => s.Bytes).Order().ElementAt(sizes.Count / 2)} B");
return 0;

string Sheet(IReadOnlyList<int> items, string title)
{
    var rows = (items.Count + Columns - 1) / Columns;
    var width = Columns * CellWidth + 40;
    var height = 70 + rows * CellHeight;
    var sb = new StringBuilder();
    sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
    sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
    sb.Append(CultureInfo.InvariantCulture, $"<text x=\"20\" y=\"42\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"24\" font-weight=\"bold\" fill=\"#0F766E\">{WebUtility.HtmlEncode(title)}</text>");
    for (var k = 0; k < items.Count; k++)
    {
        var i = items[k];
        var e = exercises[i];
        var x = 20 + k % Columns * CellWidth;
        var y = 70 + k / Columns * CellHeight;
        // The variant note only where two exercises share a name (the two standing hamstring stretches).
        var twin = exercises.Count(x => x.Name == e.Name) > 1;
        var name = $"{i + 1}. {e.Name}" + (twin && e.VariantNote is { } note ? $" ({note})" : "");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + 22}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"17\" fill=\"#1F2937\">{WebUtility.HtmlEncode(name)}</text>");
        var problems = ExerciseIllustrations.Problems(e.Slug, e.Position).ToList();
        for (var q = 0; q < Math.Min(problems.Count, 4); q++)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 4}\" y=\"{y + TitleHeight + 14 + q * 13}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" fill=\"#B91C1C\">{WebUtility.HtmlEncode(problems[q].Check + ": " + problems[q].Problem)}</text>");
        var svg = cells[i];
        if (svg.Length == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + 120}\" fill=\"#B91C1C\" font-size=\"16\">no illustration</text>");
            continue;
        }

        // Nest the exercise's own SVG, scaled into the cell.
        var inner = FormattableString.Invariant($"<svg x=\"{x}\" y=\"{y + TitleHeight}\" width=\"{CellWidth - 30}\" height=\"{FigureHeight}\" ") + svg[5..];
        sb.Append(inner);
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 4}\" y=\"{y + TitleHeight - 2}\" width=\"{CellWidth - 22}\" height=\"{FigureHeight + 4}\" fill=\"none\" stroke=\"#E5E7EB\"/>");
    }

    sb.Append("</svg>");
    return sb.ToString();
}
