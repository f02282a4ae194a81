using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Exercises;

public enum LibrarySource
{
    All,
    Own,
    BuiltIn,
}

/// <summary>What a clinician filters the library by, in the library and in the builder.</summary>
public sealed record LibraryFilter(
    string? Text = null,
    ExerciseGroup? Group = null,
    StartingPosition? Position = null,
    Equipment? Equipment = null,
    BodyRegions? Region = null,
    LibrarySource Source = LibrarySource.All,
    bool IncludeArchived = false)
{
    public const int MaxText = 100;

    /// <summary>
    /// How close a word of the name must be to the typed words (pg_trgm word_similarity) to count as a match. The
    /// search uses the indexable operator <c>&lt;%</c>, which compares with pg_trgm.word_similarity_threshold: every
    /// connection of the portal sets it to this value (<see cref="PortalCoreServices"/>, <see cref="ConnectionOption"/>).
    /// </summary>
    public const double Similarity = 0.4;

    /// <summary>The connection option that makes <c>&lt;%</c> mean "word_similarity ≥ <see cref="Similarity"/>".</summary>
    public static readonly string ConnectionOption = FormattableString.Invariant($"-c pg_trgm.word_similarity_threshold={Similarity}");

    public string? CleanText => string.IsNullOrWhiteSpace(Text) ? null : Text.Trim() is var t && t.Length > MaxText ? t[..MaxText] : Text.Trim();

    public bool IsEmpty => CleanText is null && Group is null && Position is null && Equipment is null && Region is null && Source == LibrarySource.All;
}

/// <summary>
/// The one search over the library: name (substring, or a typo within a word thanks to pg_trgm), condition group,
/// starting position, equipment, body region, own or built-in. Archived own exercises only when asked.
/// </summary>
public static class LibrarySearch
{
    public static IQueryable<Exercise> Apply(IQueryable<Exercise> query, LibraryFilter filter)
    {
        if (!filter.IncludeArchived) query = query.Where(e => e.ArchivedAt == null);
        if (filter.Group is { } g) query = query.Where(e => e.Group == g);
        if (filter.Position is { } p) query = query.Where(e => e.Position == p);
        if (filter.Equipment is { } q) query = query.Where(e => e.Equipment == q);
        if (filter.Region is { } r) query = query.Where(e => (e.Regions & r) != 0);
        query = filter.Source switch
        {
            LibrarySource.Own => query.Where(e => e.ClinicId != null),
            LibrarySource.BuiltIn => query.Where(e => e.ClinicId == null),
            _ => query,
        };
        if (filter.CleanText is { } text)
        {
            var pattern = LikePattern.Containing(text);
            // Both sides are served by the trigram index on the name (IX_Exercises_Name_Trgm): a bitmap of the substring
            // matches OR'ed with the word-similar ones, so word_similarity is computed for those candidates only.
            query = query.Where(e => EF.Functions.ILike(e.Name, pattern, LikePattern.EscapeCharacter)
                                     || EF.Functions.TrigramsAreWordSimilar(text, e.Name));
        }
        return query;
    }

    /// <summary>
    /// Runs the reads of one search (the page, the count). When a name was typed they run in a transaction that tells
    /// PostgreSQL's planner what the name test really costs (<c>SET LOCAL cpu_operator_cost = 0.25</c>, 100 × its
    /// default): it prices word_similarity (<c>&lt;%</c>, 10–20 µs a row here) like a comparison, so at 2 039 exercises
    /// it read every row of the clinic, by a sequential scan or by the clinic's index, and computed word_similarity for
    /// each (30–90 ms) instead of reading the trigram index on the name and testing only its candidates (1–2 ms). With
    /// the operators priced higher it takes the plan that tests fewest rows (bench/PhysioPortal.Bench plans shows it).
    /// Inside a transaction someone else opened the reads run as they are.
    /// </summary>
    public static async Task<T> ReadAsync<T>(PortalDbContext db, LibraryFilter filter, Func<CancellationToken, Task<T>> reads, CancellationToken ct = default)
    {
        if (filter.CleanText is null || db.Database.CurrentTransaction is not null) return await reads(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL cpu_operator_cost = 0.25", cancel);
            var result = await reads(cancel);
            await transaction.CommitAsync(cancel);
            return result;
        }, ct);
    }

    /// <summary>Best matches first when a name was typed, else the library's order (own exercises, then the article's).</summary>
    public static IOrderedQueryable<Exercise> Ordered(IQueryable<Exercise> query, LibraryFilter filter) => Ordered(query, filter, []);

    /// <summary>The given (starred) exercises first, then best matches when a name was typed, else the library's order.</summary>
    public static IOrderedQueryable<Exercise> Ordered(IQueryable<Exercise> query, LibraryFilter filter, IReadOnlyCollection<Guid> first)
    {
        var ordered = first.Count == 0 ? query.OrderBy(e => 0) : query.OrderByDescending(e => first.Contains(e.Id));
        return filter.CleanText is { } text
            ? ordered.ThenByDescending(e => PortalDbContext.WordSimilarity(text, e.Name)).ThenBy(e => e.Name)
            : ordered.ThenBy(e => e.ClinicId == null).ThenBy(GroupOrder).ThenBy(e => e.SortOrder).ThenBy(e => e.Name);
    }

    /// <summary>
    /// The groups in the article's order (the enum's), not alphabetically by their stored names (which put "At work"
    /// first): <c>CASE "Group" WHEN 'UpperBack' THEN 0 WHEN 'LowerBack' THEN 1 … END</c>.
    /// </summary>
    private static readonly Expression<Func<Exercise, int>> GroupOrder = BuildGroupOrder();

    private static Expression<Func<Exercise, int>> BuildGroupOrder()
    {
        var e = Expression.Parameter(typeof(Exercise), "e");
        var group = Expression.Property(e, nameof(Exercise.Group));
        var groups = Enum.GetValues<ExerciseGroup>();
        Expression rank = Expression.Constant(groups.Length);
        for (var i = groups.Length - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(group, Expression.Constant(groups[i])), Expression.Constant(i), rank);
        }
        return Expression.Lambda<Func<Exercise, int>>(rank, e);
    }
}
