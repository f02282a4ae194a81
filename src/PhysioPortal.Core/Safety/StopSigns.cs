namespace PhysioPortal.Core.Safety;

/// <summary>
/// The wording of the "Stop and contact your clinician if…" box, in plain words: the one source for the box printed
/// on every handout and for the same advice in emails. Pregnancy adds its own signs.
/// </summary>
public static class StopSigns
{
    public const string Title = "Stop and contact your clinician if you notice:";

    public static readonly IReadOnlyList<string> Always =
    [
        "pain that is sharp or shooting, or that spreads down an arm or a leg",
        "numbness, tingling or pins and needles",
        "a leg that feels weak or gives way",
        "trouble controlling your bladder or bowels",
        "dizziness, feeling faint, or pain in your chest",
    ];

    public static readonly IReadOnlyList<string> InPregnancy =
    [
        "any bleeding from the vagina",
        "fluid leaking from the vagina",
        "regular, painful tightening of your bump (contractions)",
        "pain or swelling in the calf of a leg",
        "feeling short of breath before you have started exercising",
    ];

    public const string Urgent =
        "If a sign is sudden or severe — above all chest pain or losing control of your bladder or bowels — get urgent medical help.";

    public static IReadOnlyList<string> For(bool isPregnant) => isPregnant ? [.. Always, .. InPregnancy] : Always;

    /// <summary>The box as one paragraph, for an email: "Stop and contact your clinician if you notice: a; b; or c."</summary>
    public static string InOneParagraph(bool isPregnant)
    {
        var signs = For(isPregnant);
        return $"{Title} {string.Join("; ", signs.Take(signs.Count - 1))}; or {signs[^1]}.";
    }
}
