using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Bench;

/// <summary>
/// The patient list's statements as the list sends them (built by <see cref="PatientList"/> for the clinic), explained by
/// PostgreSQL on the bench's 100 000-patient clinic: which index each search shape reads and how long it runs, and a deep
/// page counted out (OFFSET) against the same page read on from the page before (keyset).
/// </summary>
internal static partial class PlansBench
{
    public static async Task<int> RunAsync(string connectionString, Guid clinicId)
    {
        // The portal's own connection option: the library search's <% reads pg_trgm's threshold from it.
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(Core.PortalCoreServices.WithLibrarySearchThreshold(connectionString)).Options;
        await using var db = new PortalDbContext(options) { Scope = ClinicScope.Of(clinicId) };
        var list = new PatientList(db);
        PatientListQuery Search(params string[] words) => new(words, null, PatientListStatus.Current, 1);
        var shapes = new (string Shape, PatientListQuery Query)[]
        {
            ("one word", Search("smith")),
            ("two words", Search("anna", "smith")),
            ("part of a word, capitals", Search("MIT")),
            ("an apostrophe", Search("o'brien")),
            ("an email", Search("example.com")),
            ("with a condition", Search("smith") with { Condition = ExerciseGroup.LowerBack }),
            ("with an active routine", Search("smith") with { Status = PatientListStatus.Active }),
            ("without a routine", Search("smith") with { Status = PatientListStatus.None }),
            ("archived", Search("smith") with { Status = PatientListStatus.Archived }),
            ("two letters (a prefix)", Search("sm")),
            ("one letter (a prefix)", Search("s")),
            ("no search, page 1", Search()),
        };
        Console.WriteLine($"{"search shape",-28} {"index read",-48} {"rows",6} {"ms",8}");
        var trigramShapes = 0;
        var trigramUsed = 0;
        foreach (var (shape, query) in shapes)
        {
            var (plan, ms, rows) = await ExplainAsync(db, list.IdsQuery(query));
            var indexes = string.Join(", ", IndexName().Matches(plan).Select(m => m.Groups[1].Value).Distinct());
            if (plan.Contains("Seq Scan", StringComparison.Ordinal)) indexes += (indexes.Length > 0 ? ", " : "") + "SEQ SCAN";
            Console.WriteLine($"{shape,-28} {indexes,-48} {rows,6} {ms,8:F1}");
            if (query.SearchWords.Any(w => w.Length >= 3))
            {
                trigramShapes++;
                if (plan.Contains("IX_Patients_SearchText", StringComparison.Ordinal)) trigramUsed++;
            }
        }
        Console.WriteLine($"trigram index read by {trigramUsed} of {trigramShapes} shapes with a word of 3 letters or more");

        // A deep page counted out (what ?page=N does) and read on from the page before's last patient (what "Next" does).
        foreach (var n in new[] { 500, 3500 })
        {
            var before = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, n - 1));
            if (before.Rows.Count == 0 || before.PageNumber != n - 1) continue;
            var offset = db.Patients.AsNoTracking().Where(p => p.ArchivedAt == null)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id).Select(p => p.Id).Skip((n - 1) * PatientList.PageSize).Take(PatientList.PageSize + 1);
            var (offsetPlan, offsetMs, _) = await ExplainAsync(db, offset);
            var keysetQuery = new PatientListQuery([], null, PatientListStatus.Current, n, before.Rows[^1].Id);
            var countedQuery = new PatientListQuery([], null, PatientListStatus.Current, n);
            var (keyset, keysetMs) = await BestOfAsync(() => list.FindAsync(keysetQuery));
            var (counted, countedMs) = await BestOfAsync(() => list.FindAsync(countedQuery));
            Console.WriteLine($"page {n}, the ids counted out (OFFSET {(n - 1) * PatientList.PageSize:N0}): {offsetMs:F1} ms in PostgreSQL ({IndexName().Match(offsetPlan).Groups[1].Value})");
            Console.WriteLine($"page {n} in the list (best of 5): counted out {countedMs:F1} ms; read on from page {n - 1} (keyset) {keysetMs:F1} ms (same rows: {counted.Rows.Select(r => r.Id).SequenceEqual(keyset.Rows.Select(r => r.Id))})");
        }
        await ExplainLibraryAsync(db);
        return 0;
    }

    /// <summary>
    /// The library search (issue 13) with the library page's filter and order (the ids of its first 100, built by
    /// <see cref="LibrarySearch"/>, in the transaction <see cref="LibrarySearch.ReadAsync"/> opens): the clinic's 2 000
    /// own exercises and the 39 built-in ones; a name of 3 letters or more should be read through the trigram index.
    /// </summary>
    private static async Task ExplainLibraryAsync(PortalDbContext db)
    {
        var shapes = new (string Shape, LibraryFilter Filter)[]
        {
            ("a name, \"plank\"", new("plank")),
            ("a typo, \"hamstrng\"", new("hamstrng")),
            ("two words, a typo, \"side plnak\"", new("side plnak")),
            ("a name and a body region", new("plank", Region: BodyRegions.Core)),
            ("a name, own exercises only", new("plank", Source: LibrarySource.Own)),
            ("a name and a group", new("stretch", Group: ExerciseGroup.Flexibility)),
            ("two letters, \"pl\"", new("pl")),
            ("no name, a group", new(Group: ExerciseGroup.Core)),
        };
        Console.WriteLine();
        Console.WriteLine($"{"library search shape",-36} {"index read",-48} {"rows",6} {"ms",8}");
        int named = 0, indexed = 0;
        foreach (var (shape, filter) in shapes)
        {
            var query = LibrarySearch.Ordered(LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter), filter).Select(e => e.Id).Take(100);
            var (plan, ms, rows) = await LibrarySearch.ReadAsync(db, filter, _ => ExplainAsync(db, query));
            var indexes = string.Join(", ", IndexName().Matches(plan).Select(m => m.Groups[1].Value).Distinct());
            if (plan.Contains("Seq Scan", StringComparison.Ordinal)) indexes += (indexes.Length > 0 ? ", " : "") + "SEQ SCAN";
            Console.WriteLine($"{shape,-36} {indexes,-48} {rows,6} {ms,8:F1}");
            if (filter.CleanText is not null)
            {
                named++;
                if (plan.Contains("IX_Exercises_Name_Trgm", StringComparison.Ordinal)) indexed++;
            }
        }
        Console.WriteLine($"library: the trigram index on the name read by {indexed} of {named} shapes with a name");
    }

    /// <summary>The quickest of 5 runs after one untimed (the first of a shape compiles the query).</summary>
    private static async Task<(T Result, double Ms)> BestOfAsync<T>(Func<Task<T>> run)
    {
        var result = await run();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var timer = Stopwatch.StartNew();
            result = await run();
            best = Math.Min(best, timer.Elapsed.TotalMilliseconds);
        }
        return (result, best);
    }

    private static async Task<(string Plan, double Ms, long Rows)> ExplainAsync<T>(PortalDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        }
        var plan = string.Join('\n', lines);
        var ms = double.Parse(ExecutionTime().Match(plan).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rows = long.Parse(TopRows().Match(lines[0]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (plan, ms, rows);
    }

    [GeneratedRegex("""(?:Index(?: Only)? Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([A-Za-z_]+)"?""")]
    private static partial Regex IndexName();

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    [GeneratedRegex(@"actual time=[0-9.]+\.\.[0-9.]+ rows=([0-9]+)")]
    private static partial Regex TopRows();
}
