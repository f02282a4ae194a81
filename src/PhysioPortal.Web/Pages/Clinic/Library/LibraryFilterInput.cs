using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Library;

/// <summary>
/// The library's search fields as typed (query string on the library page, the builder's form in the builder).
/// Unknown values are reported, not thrown: the search then ignores that filter.
/// </summary>
public sealed class LibraryFilterInput
{
    public string? Q { get; set; }
    public string? Group { get; set; }
    public string? Position { get; set; }
    public string? Equipment { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }

    public bool IsEmpty => new[] { Q, Group, Position, Equipment, Region, Source }.All(string.IsNullOrWhiteSpace);

    public (LibraryFilter Filter, string? Error) ToFilter()
    {
        string? error = null;
        T? Read<T>(string? value, string what) where T : struct, Enum
        {
            if (string.IsNullOrEmpty(value)) return null;
            if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
            error = $"That {what} does not exist; showing every {what}.";
            return null;
        }
        var filter = new LibraryFilter(Q, Read<ExerciseGroup>(Group, "group"), Read<StartingPosition>(Position, "starting position"),
            Read<Equipment>(Equipment, "equipment"), Read<BodyRegions>(Region, "body region"), Read<LibrarySource>(Source, "source") ?? LibrarySource.All);
        if (filter.Region is { } r && !BodyRegionText.All.Contains(r))
        {
            error = "That body region does not exist; showing every body region.";
            filter = filter with { Region = null };
        }
        return (filter, error);
    }
}
