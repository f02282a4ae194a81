using System.Text.Json;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// A calendar read the way Thunderbird reads it: Mozilla's ical.js (through Node, tests/checkers/expand-ics.mjs) parses
/// the file, uses only the calendar's own VTIMEZONEs, and expands every event's occurrences between two dates; each
/// occurrence comes back as a UTC instant and as wall-clock time in the zone given.
/// </summary>
public static class IcalJs
{
    public sealed record Occurrence(string Utc, string Local, int Minutes);

    public sealed record Event(string Uid, string Summary, int? Sequence, bool Recurring, string? Rrule, List<Occurrence> Occurrences);

    public sealed record Calendar(string? Method, string? Prodid, string? Version, List<string> Timezones, List<string> Problems, List<Event> Events);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static Calendar Expand(string ics, string zone, DateOnly from, DateOnly to)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ical-{Guid.NewGuid():N}.ics");
        File.WriteAllText(file, ics);
        try
        {
            var script = Path.Combine(CheckerTool.Directory, "expand-ics.mjs");
            CheckerTool.NpmFile(Path.Combine("ical.js", "package.json"));
            var r = CheckerTool.Run("node", [script, file, zone, from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd")]);
            Assert.True(r.ExitCode == 0, $"ical.js failed ({r.ExitCode}): {r.Errors}");
            return JsonSerializer.Deserialize<Calendar>(r.Output, Json) ?? throw new InvalidOperationException("ical.js printed nothing.");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
