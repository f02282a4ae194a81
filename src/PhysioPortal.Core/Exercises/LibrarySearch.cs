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

    /// <summary>How close a word of the name must be to the typed words (pg_trgm word_similarity) to count as a match.</summary>
    public const double Similarity = 0.4;

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
            query = query.Where(e => EF.Functions.ILike(e.Name, pattern, LikePattern.EscapeCharacter)
                                     || PortalDbContext.WordSimilarity(text, e.Name) > LibraryFilter.Similarity);
        }
        return query;
    }

    /// <summary>Best matches first when a name was typed, else the library's order.</summary>
    public static IOrderedQueryable<Exercise> Ordered(IQueryable<Exercise> query, LibraryFilter filter) => Ordered(query, filter, []);

    /// <summary>The given (starred) exercises first, then best matches when a name was typed, else the library's order.</summary>
    public static IOrderedQueryable<Exercise> Ordered(IQueryable<Exercise> query, LibraryFilter filter, IReadOnlyCollection<Guid> first)
    {
        var ordered = first.Count == 0 ? query.OrderBy(e => 0) : query.OrderByDescending(e => first.Contains(e.Id));
        return filter.CleanText is { } text
            ? ordered.ThenByDescending(e => PortalDbContext.WordSimilarity(text, e.Name)).ThenBy(e => e.Name)
            : ordered.ThenBy(e => e.ClinicId == null).ThenBy(e => e.Group).ThenBy(e => e.SortOrder).ThenBy(e => e.Name);
    }
}
