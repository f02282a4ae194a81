using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Exercises;

/// <summary>
/// The library search reads the trigram index (<c>&lt;%</c> with the portal's word-similarity threshold) instead of
/// computing word_similarity for every exercise: it must find exactly what the plain definition finds (a substring, or
/// word_similarity above <see cref="LibraryFilter.Similarity"/>), with every filter, in the same order, and only the
/// clinic's own and the built-in exercises.
/// </summary>
[Collection(PortalCollection.Name)]
public class LibrarySearchTests(PortalFactory factory)
{
    private static readonly string[] Texts =
        ["plank", "Side plnk", "brige", "strech", "catcow", "piriformiss", "hamstrng", "heal raises", "pl", "a", "stretch wall", "%_\\", "zzzz"];

    public static TheoryData<string> Filters => new() { "none", "region", "group", "position", "equipment", "own", "built-in", "archived too" };

    private static LibraryFilter Filter(string kind, string text) => kind switch
    {
        "region" => new(text, Region: BodyRegions.Core),
        "group" => new(text, Group: ExerciseGroup.Flexibility),
        "position" => new(text, Position: StartingPosition.Standing),
        "equipment" => new(text, Equipment: Equipment.Wall),
        "own" => new(text, Source: LibrarySource.Own),
        "built-in" => new(text, Source: LibrarySource.BuiltIn),
        "archived too" => new(text, IncludeArchived: true),
        _ => new(text),
    };

    /// <summary>A clinic with own exercises named like the built-in ones (one archived), and another clinic's namesakes.</summary>
    private async Task<(Guid Clinic, Guid Other)> LibrariesAsync()
    {
        var clinic = (await factory.ClinicAsync()).Id;
        var other = (await factory.ClinicAsync()).Id;
        var names = new (string Name, ExerciseGroup Group, BodyRegions Regions, bool Archived)[]
        {
            ("Plank, banded", ExerciseGroup.Core, BodyRegions.Core, false),
            ("Side plank on the knees", ExerciseGroup.Core, BodyRegions.Core | BodyRegions.Hips, false),
            ("Bridge with a ball", ExerciseGroup.Hips, BodyRegions.Hips, false),
            ("Wall stretch for the chest", ExerciseGroup.Flexibility, BodyRegions.Shoulder, false),
            ("Cat-cow, slow", ExerciseGroup.Flexibility, BodyRegions.UpperBack | BodyRegions.LowerBack, false),
            ("Old plank we no longer use", ExerciseGroup.Core, BodyRegions.Core, true),
        };
        foreach (var (name, group, regions, archived) in names)
        {
            await factory.OwnExerciseAsync(clinic, e =>
            {
                e.Name = name;
                e.Group = group;
                e.Regions = regions;
                e.Equipment = name.StartsWith("Wall", StringComparison.Ordinal) ? Equipment.Wall : Equipment.None;
                e.ArchivedAt = archived ? DateTimeOffset.UtcNow : null;
            });
            await factory.OwnExerciseAsync(other, e => { e.Name = name + " (other clinic)"; e.Group = group; e.Regions = regions; });
        }
        return (clinic, other);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_indexed_search_finds_what_word_similarity_finds_in_the_same_order(string kind)
    {
        var (clinic, other) = await LibrariesAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PortalContexts>().ForClinic(clinic);
        var withinBand = 0;
        foreach (var text in Texts)
        {
            var filter = Filter(kind, text);
            var clean = filter.CleanText!;
            var pattern = LikePattern.Containing(clean);
            // The definition, computed for every row (what the search did before it read the index).
            var expected = await LibrarySearch.Ordered(LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter with { Text = null })
                    .Where(e => EF.Functions.ILike(e.Name, pattern, LikePattern.EscapeCharacter) || PortalDbContext.WordSimilarity(clean, e.Name) > LibraryFilter.Similarity), filter)
                .Select(e => e.Id).ToListAsync();
            var found = await LibrarySearch.ReadAsync(db, filter, ct =>
                LibrarySearch.Ordered(LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter), filter).Select(e => e.Id).ToListAsync(ct));
            Assert.Equal(expected, found);
            withinBand += await LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter with { Text = null })
                .CountAsync(e => !EF.Functions.ILike(e.Name, pattern, LikePattern.EscapeCharacter)
                                 && PortalDbContext.WordSimilarity(clean, e.Name) > LibraryFilter.Similarity
                                 && PortalDbContext.WordSimilarity(clean, e.Name) <= 0.6);
        }
        // Typos found only thanks to the portal's threshold (pg_trgm's default, 0.6, would miss them) were part of it.
        if (kind is "none" or "archived too") Assert.True(withinBand > 0, "no typo between 0.4 and 0.6 was searched");

        await using var system = factory.SystemDb();
        var otherIds = await system.Db.Exercises.Where(e => e.ClinicId == other).Select(e => e.Id).ToListAsync();
        var plank = await LibrarySearch.ReadAsync(db, Filter(kind, "plank"), ct =>
            LibrarySearch.Apply(db.Exercises.AsNoTracking(), Filter(kind, "plank")).Select(e => e.Id).ToListAsync(ct));
        Assert.Empty(plank.Intersect(otherIds));
    }

    [Fact]
    public async Task The_library_page_counts_every_match_and_lists_the_groups_in_the_article_order()
    {
        var (clinic, _) = await LibrariesAsync();
        var (client, _) = await factory.SignedInAsync(clinic, Roles.Clinician);

        var (_, all) = await client.GetPageAsync("/clinic/library?source=BuiltIn");
        var groups = all.QuerySelectorAll(".exercise-list > .list-group-item").Select(a => a.TextContent).ToList();
        Assert.Equal(39, groups.Count);
        Assert.Contains("Upper back", groups[0]);
        Assert.Contains("Scoliosis", groups[^1]);

        var (_, plank) = await client.GetPageAsync("/clinic/library?q=plank");
        var rows = plank.QuerySelectorAll(".exercise-list > .list-group-item").Length;
        Assert.True(rows >= 3, $"{rows} rows for plank");
        Assert.Contains($"{rows} exercise", plank.Body!.TextContent);
    }

    [Fact]
    public async Task Enter_in_the_builder_or_the_routine_editor_runs_the_search_and_keeps_what_was_typed()
    {
        var (clinic, _) = await LibrariesAsync();
        var (client, _) = await factory.SignedInAsync(clinic, Roles.Clinician);
        var patient = await factory.PatientAsync(clinic);
        var builderUrl = $"/clinic/patients/{patient.Id}/prescribe";
        foreach (var (url, form) in new[] { (builderUrl, "#builder"), ("/clinic/templates/new", "#routine-form") })
        {
            var (_, page) = await client.GetPageAsync(url);
            // A browser's Enter clicks the form's first submit button (HTML's implicit submission).
            var first = page.QuerySelector($"{form} button[type=submit]")!;
            Assert.Contains("handler=Search", first.GetAttribute("formaction"));
            Assert.Equal("-1", first.GetAttribute("tabindex"));
        }
        // What it does: the builder's search with the typed name, nothing else changed.
        var (_, builder) = await client.GetPageAsync(builderUrl);
        var (response, found) = await client.PostPageAsync(builder, builderUrl + "?handler=Search", [new("Find.Q", "plank")], "#builder");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Plank", found.QuerySelector("[aria-label='Search results']")!.TextContent);
    }
}
