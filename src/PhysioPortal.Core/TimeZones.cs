using NodaTime;
using NodaTime.TimeZones;

namespace PhysioPortal.Core;

/// <summary>
/// The one list of time zones a person picks from (new patient, patient and clinic settings): the tz database's
/// canonical names only (never an alias such as "US/Eastern" or "Europe/Kiev"), those of its zone.tab (the zones of
/// each country, named after a city people recognise) and UTC, grouped by region, each with its current UTC offset.
/// An alias typed or stored is mapped to its canonical name.
/// </summary>
public static class TimeZones
{
    public const string Utc = "Etc/UTC";

    public sealed record Zone(string Id, string Region, string City)
    {
        /// <summary>"Paris (UTC+01:00)" at <paramref name="now"/>.</summary>
        public string Label(Instant now) => $"{City} (UTC{Offset(Id, now)})";
    }

    public sealed record Region(string Name, IReadOnlyList<Zone> Zones);

    private static readonly TzdbDateTimeZoneSource Source = TzdbDateTimeZoneSource.Default;

    /// <summary>The canonical name of a tz database id or alias, or null when it is no time zone at all.</summary>
    public static string? Canonical(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var trimmed = id.Trim();
        return Source.CanonicalIdMap.TryGetValue(trimmed, out var canonical) ? canonical : null;
    }

    /// <summary>Every alias of the database with its canonical name (for the migration that maps stored aliases).</summary>
    public static IEnumerable<(string Alias, string Canonical)> Aliases() =>
        Source.CanonicalIdMap.Where(p => p.Key != p.Value).Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal);

    /// <summary>
    /// SQL that renames every stored alias to its canonical name in the tables that hold a time zone (used by the
    /// migration that made the names canonical; safe to run again).
    /// </summary>
    public static string CanonicalUpdateSql()
    {
        var values = string.Join(",\n", Aliases().Select(a => $"('{a.Alias.Replace("'", "''")}', '{a.Canonical.Replace("'", "''")}')"));
        return $"""
            CREATE TEMP TABLE time_zone_aliases (alias text PRIMARY KEY, canonical text NOT NULL) ON COMMIT DROP;
            INSERT INTO time_zone_aliases VALUES
            {values};
            UPDATE "Patients" AS p SET "TimeZoneId" = a.canonical FROM time_zone_aliases AS a WHERE p."TimeZoneId" = a.alias;
            UPDATE "Clinics" AS c SET "TimeZoneId" = a.canonical FROM time_zone_aliases AS a WHERE c."TimeZoneId" = a.alias;
            DROP TABLE time_zone_aliases;
            """;
    }

    /// <summary>Regions in alphabetical order (UTC last), zones by city.</summary>
    public static IReadOnlyList<Region> Regions => All.Value;

    /// <summary>True when the id is one of the listed (canonical) zones.</summary>
    public static bool IsListed(string? id) => id is not null && Listed.Value.Contains(id);

    /// <summary>"+01:00", "-05:00", "+05:30", or "" for UTC itself.</summary>
    public static string Offset(string id, Instant now)
    {
        var offset = DateTimeZoneProviders.Tzdb[id].GetUtcOffset(now);
        return offset == NodaTime.Offset.Zero ? "" : OffsetFormat.Format(offset);
    }

    private static readonly NodaTime.Text.OffsetPattern OffsetFormat = NodaTime.Text.OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    private static readonly Lazy<IReadOnlyList<Region>> All = new(() =>
    {
        var ids = (Source.ZoneLocations?.Select(l => l.ZoneId) ?? Source.CanonicalIdMap.Values)
            .Select(Canonical).OfType<string>()
            .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var regions = ids
            .Select(id => new Zone(id, id[..id.IndexOf('/', StringComparison.Ordinal)], City(id)))
            .GroupBy(z => z.Region)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Region(g.Key, g.OrderBy(z => z.City, StringComparer.Ordinal).ToList()))
            .ToList();
        regions.Add(new Region("UTC", [new Zone(Utc, "UTC", "UTC, Coordinated Universal Time")]));
        return regions;
    });

    private static readonly Lazy<HashSet<string>> Listed = new(() =>
        Regions.SelectMany(r => r.Zones).Select(z => z.Id).ToHashSet(StringComparer.Ordinal));

    /// <summary>"America/Argentina/Buenos_Aires" → "Buenos Aires, Argentina"; "Europe/Paris" → "Paris".</summary>
    private static string City(string id)
    {
        var parts = id.Split('/');
        var city = parts[^1].Replace('_', ' ');
        return parts.Length > 2 ? $"{city}, {string.Join(", ", parts[1..^1].Select(p => p.Replace('_', ' ')))}" : city;
    }
}
