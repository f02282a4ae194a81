using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Handouts;

/// <summary>
/// What an exercise's caution tags mean for the patient, in plain words for the handout's "Take care" box. The
/// tags themselves ("Loaded spinal flexion") are clinicians' words, shown on the clinic's screens only.
/// </summary>
public static class HandoutCautions
{
    public static IReadOnlyList<string> For(CautionTags tags, bool isPregnant)
    {
        var lines = new List<string>();
        if (tags.HasFlag(CautionTags.LyingOnBack))
        {
            lines.Add(isPregnant
                ? "After the first three months of pregnancy, do not lie flat on your back for long: ask your clinician for another position."
                : "If you feel dizzy lying on your back, roll onto your side and get up slowly.");
        }

        if (tags.HasFlag(CautionTags.LyingFaceDown))
        {
            lines.Add(isPregnant
                ? "Do not lie face down while you are pregnant: ask your clinician for another position."
                : "If lying face down is uncomfortable, put a pillow under your tummy.");
        }

        if (tags.HasFlag(CautionTags.LoadedSpinalFlexion))
            lines.Add("Curl forward only as far as is comfortable.");
        if (tags.HasFlag(CautionTags.SpinalExtension))
            lines.Add("Arch back only as far as is comfortable, and stop if pain spreads into your buttock or leg.");
        if (tags.HasFlag(CautionTags.Twisting))
            lines.Add("Turn gently and only as far as is comfortable; never force the twist.");
        if (tags.HasFlag(CautionTags.Balance))
            lines.Add("Keep a wall or a sturdy chair within reach in case you lose your balance.");
        if (tags.HasFlag(CautionTags.KneeLoading))
            lines.Add("If your knees are sore, kneel on a folded towel and keep each knee in line with your toes.");
        if (tags.HasFlag(CautionTags.WristLoading))
            lines.Add("If your wrists hurt, lean on your fists or your forearms instead of flat hands.");
        return lines;
    }
}
