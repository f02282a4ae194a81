using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Safety;

/// <summary>
/// Library alternatives for an exercise a safety warning names: exercises that raise none of the warnings about
/// it, in another starting position, from the same group first (then the most words of what it targets in common), so the
/// clinician can swap with one click and keep the dosage. A warning stays a warning: this only offers.
/// </summary>
public static class SaferSwaps
{
    public const int MaxOffered = 3;

    /// <summary>
    /// The alternatives to <paramref name="current"/> among <paramref name="library"/>: not already in the routine,
    /// not in the same position, and with none of the cautions that raised <paramref name="warningCodes"/>.
    /// </summary>
    public static IReadOnlyList<Exercise> For(Exercise current, IEnumerable<string> warningCodes, IEnumerable<Exercise> library, ISet<Guid> inRoutine)
    {
        var avoid = CautionsBehind(warningCodes);
        if (avoid == CautionTags.None) return [];
        return library
            .Where(e => e.Id != current.Id && !inRoutine.Contains(e.Id) && e.Position != current.Position && (e.Cautions & avoid) == 0
                        && e.Position is not (StartingPosition.LyingOnBack or StartingPosition.LyingFaceDown))
            .Select(e => (Exercise: e, Score: (e.Group == current.Group ? 100 : 0) + SharedTargets(e, current)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Exercise.IsBuiltIn ? 1 : 0).ThenBy(x => x.Exercise.SortOrder).ThenBy(x => x.Exercise.Name, StringComparer.Ordinal)
            .Select(x => x.Exercise)
            .Take(MaxOffered)
            .ToList();
    }

    /// <summary>The caution tags an exercise must not carry for these warnings to go away (per-exercise warnings only).</summary>
    public static CautionTags CautionsBehind(IEnumerable<string> warningCodes) => warningCodes.Aggregate(CautionTags.None, (all, code) => all | code switch
    {
        "pregnancy-face-down" => CautionTags.LyingFaceDown,
        "pregnancy-supine-hold" => CautionTags.LyingOnBack | CautionTags.LyingFaceDown,
        _ => CautionTags.None,
    });

    /// <summary>The warning codes that a swap can answer (they are about one exercise's position).</summary>
    public static bool CanSwap(SafetyWarning warning) => warning.ExerciseSlug is not null && CautionsBehind([warning.Code]) != CautionTags.None;

    /// <summary>How many words (longer than 3 letters) the two "targets" texts share.</summary>
    private static int SharedTargets(Exercise a, Exercise b)
    {
        static HashSet<string> Words(string s) => s.Split([' ', ',', ';', '.', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 3).Select(w => w.ToLowerInvariant()).ToHashSet();
        var shared = Words(a.Targets);
        shared.IntersectWith(Words(b.Targets));
        return shared.Count;
    }
}
