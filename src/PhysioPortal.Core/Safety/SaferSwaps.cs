using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Safety;

/// <summary>What a dosage asks for: repetitions (perhaps with a brief pause) or a sustained hold.</summary>
public enum DosageKind
{
    Repetitions,
    Hold,
}

/// <summary>
/// Library alternatives for an exercise a safety warning names: exercises that raise none of the warnings about it, in
/// another starting position, ranked so the first one is the closest stand-in: the same group first, then the same body
/// region, then the same kind of dosage (hold or repetitions); then the most body regions and words of what it targets
/// in common. The clinician swaps with one click; the dosage goes with the swap when it suits the new exercise
/// (<see cref="DosageFor"/>). A warning stays a warning: this only offers.
/// </summary>
public static class SaferSwaps
{
    public const int MaxOffered = 3;

    /// <summary>
    /// A hold of at least this many seconds makes a hold exercise (a stretch, a bridge held); shorter pauses between
    /// repetitions (a cat-camel's 3–5 s) leave it a repetition exercise.
    /// </summary>
    public const int SustainedHoldSeconds = 10;

    public static DosageKind KindOf(Dosage dosage) =>
        dosage.HoldMinSeconds is >= SustainedHoldSeconds ? DosageKind.Hold : DosageKind.Repetitions;

    /// <summary>
    /// The alternatives to <paramref name="current"/> among <paramref name="library"/>: not already in the routine, not
    /// archived, not in the same position, with none of the cautions that raised <paramref name="warningCodes"/>, and
    /// of the same group or sharing a body region. <paramref name="dosage"/> is the dosage in the routine (the
    /// exercise's default when not given); its kind ranks the alternatives.
    /// </summary>
    public static IReadOnlyList<Exercise> For(Exercise current, IEnumerable<string> warningCodes, IEnumerable<Exercise> library, ISet<Guid> inRoutine,
        Dosage? dosage = null)
    {
        var avoid = CautionsBehind(warningCodes);
        if (avoid == CautionTags.None) return [];
        var kind = KindOf(dosage ?? current.DefaultDosage);
        return library
            .Where(e => e.Id != current.Id && !inRoutine.Contains(e.Id) && !e.IsArchived && e.Position != current.Position && (e.Cautions & avoid) == 0
                        && e.Position is not (StartingPosition.LyingOnBack or StartingPosition.LyingFaceDown)
                        && (e.Group == current.Group || (e.Regions & current.Regions) != 0))
            .OrderByDescending(e => e.Group == current.Group)
            .ThenByDescending(e => (e.Regions & current.Regions) != 0)
            .ThenByDescending(e => KindOf(e.DefaultDosage) == kind)
            .ThenByDescending(e => SharedRegions(e, current))
            .ThenByDescending(e => SharedTargets(e, current))
            .ThenBy(e => e.IsBuiltIn ? 1 : 0).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(MaxOffered)
            .ToList();
    }

    /// <summary>
    /// The dosage <paramref name="to"/> gets when it replaces an exercise dosed <paramref name="current"/>: the same
    /// dosage when it is of the same kind (with the new exercise's sides: "each side" belongs to the exercise), else
    /// the new exercise's own default: a 15–30 s hold carried over to a repetition exercise makes no sense.
    /// </summary>
    public static Dosage DosageFor(Dosage current, Exercise to) =>
        KindOf(current) == KindOf(to.DefaultDosage) ? current with { Sides = to.DefaultDosage.Sides } : to.DefaultDosage;

    /// <summary>Whether a swap from a dosage to <paramref name="to"/> keeps that dosage.</summary>
    public static bool KeepsDosage(Dosage current, Exercise to) => KindOf(current) == KindOf(to.DefaultDosage);

    /// <summary>How a swap treats the dosage, in the builder's words.</summary>
    public static string DosageText(Dosage current, Exercise to) => KeepsDosage(current, to)
        ? "with the same dosage"
        : KindOf(current) == DosageKind.Hold
            ? $"with its own dosage ({to.DefaultDosage}): a hold does not suit a repetition exercise"
            : $"with its own dosage ({to.DefaultDosage}): it is a hold, not repetitions";

    /// <summary>The caution tags an exercise must not carry for these warnings to go away (per-exercise warnings only).</summary>
    public static CautionTags CautionsBehind(IEnumerable<string> warningCodes) => warningCodes.Aggregate(CautionTags.None, (all, code) => all | code switch
    {
        "pregnancy-face-down" => CautionTags.LyingFaceDown,
        "pregnancy-supine-hold" => CautionTags.LyingOnBack | CautionTags.LyingFaceDown,
        _ => CautionTags.None,
    });

    /// <summary>The warning codes that a swap can answer (they are about one exercise's position).</summary>
    public static bool CanSwap(SafetyWarning warning) => warning.ExerciseSlug is not null && CautionsBehind([warning.Code]) != CautionTags.None;

    private static int SharedRegions(Exercise a, Exercise b) => System.Numerics.BitOperations.PopCount((uint)(a.Regions & b.Regions));

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
