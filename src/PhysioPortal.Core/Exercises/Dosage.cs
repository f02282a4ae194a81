using System.Globalization;
using System.Text;

namespace PhysioPortal.Core.Exercises;

/// <summary>
/// How much of an exercise: sets, repetitions (a number or a range), hold time (a range in seconds), sides, rest.
/// Prints as one readable line, e.g. "2 sets · 10 reps · hold 15–30 s · each side".
/// </summary>
public sealed record Dosage
{
    public const int MaxSets = 10;
    public const int MaxReps = 100;
    public const int MaxHoldSeconds = 600;
    public const int MaxRestSeconds = 600;

    public int Sets { get; init; } = 1;
    public int? RepsMin { get; init; }
    public int? RepsMax { get; init; }
    public int? HoldMinSeconds { get; init; }
    public int? HoldMaxSeconds { get; init; }
    public SideMode Sides { get; init; } = SideMode.None;
    public int? RestSeconds { get; init; }

    /// <summary>Problems with the numbers, as plain sentences keyed by the property they concern.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Sets is < 1 or > MaxSets) yield return (nameof(Sets), $"Sets must be between 1 and {MaxSets}.");
        if (RepsMin is < 1 or > MaxReps) yield return (nameof(RepsMin), $"Repetitions must be between 1 and {MaxReps}.");
        if (RepsMax is < 1 or > MaxReps) yield return (nameof(RepsMax), $"Repetitions must be between 1 and {MaxReps}.");
        if (RepsMax is not null && RepsMin is null) yield return (nameof(RepsMin), "Give the lower number of repetitions too.");
        if (RepsMin is not null && RepsMax is not null && RepsMax < RepsMin)
            yield return (nameof(RepsMax), "The upper number of repetitions must not be below the lower one.");
        if (HoldMinSeconds is < 1 or > MaxHoldSeconds) yield return (nameof(HoldMinSeconds), $"A hold must be between 1 and {MaxHoldSeconds} seconds.");
        if (HoldMaxSeconds is < 1 or > MaxHoldSeconds) yield return (nameof(HoldMaxSeconds), $"A hold must be between 1 and {MaxHoldSeconds} seconds.");
        if (HoldMaxSeconds is not null && HoldMinSeconds is null) yield return (nameof(HoldMinSeconds), "Give the shorter hold time too.");
        if (HoldMinSeconds is not null && HoldMaxSeconds is not null && HoldMaxSeconds < HoldMinSeconds)
            yield return (nameof(HoldMaxSeconds), "The longer hold must not be shorter than the shorter one.");
        if (RestSeconds is < 0 or > MaxRestSeconds) yield return (nameof(RestSeconds), $"Rest must be between 0 and {MaxRestSeconds} seconds.");
        if (RepsMin is null && HoldMinSeconds is null) yield return (nameof(RepsMin), "Give repetitions, a hold time, or both.");
    }

    public bool IsValid => !Validate().Any();

    public string RepsText => RepsMin is null ? "" : RepsMax is null || RepsMax == RepsMin
        ? $"{RepsMin} {(RepsMin == 1 ? "rep" : "reps")}"
        : $"{RepsMin}–{RepsMax} reps";

    public string HoldText => HoldMinSeconds is null ? "" : "hold " + Seconds(HoldMinSeconds.Value, HoldMaxSeconds);

    public string SidesText => Sides switch
    {
        SideMode.EachSide => "each side",
        SideMode.Alternating => "alternating sides",
        SideMode.BothDirections => "both directions",
        _ => "",
    };

    /// <summary>The one-line form used on screen, in the handout and in emails.</summary>
    public override string ToString()
    {
        var parts = new List<string>(5);
        if (Sets > 1) parts.Add($"{Sets} sets");
        if (RepsText.Length > 0) parts.Add(RepsText);
        if (HoldText.Length > 0) parts.Add(HoldText);
        if (SidesText.Length > 0) parts.Add(SidesText);
        if (RestSeconds is > 0) parts.Add($"rest {Seconds(RestSeconds.Value, null)}");
        if (parts.Count == 0) parts.Add("1 set");
        return string.Join(" · ", parts);
    }

    private static string Seconds(int min, int? max)
    {
        var sb = new StringBuilder(min.ToString(CultureInfo.InvariantCulture));
        if (max is not null && max != min) sb.Append('–').Append(max.Value.ToString(CultureInfo.InvariantCulture));
        return sb.Append(" s").ToString();
    }
}
