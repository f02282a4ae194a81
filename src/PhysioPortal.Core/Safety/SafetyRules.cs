using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Core.Safety;

/// <summary>What the rules need to know about a draft prescription and its patient.</summary>
public sealed record SafetyCheck(
    ConditionSet Conditions,
    DateOnly? PregnancyDueDate,
    RedFlags RedFlags,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<SafetyCheck.Exercise> Exercises)
{
    public sealed record Exercise(string Slug, string Name, CautionTags Cautions, Dosage Dosage);
}

/// <summary>One warning, with the reason a clinician can read and weigh.</summary>
public sealed record SafetyWarning(string Code, string Message, string Reason, string? ExerciseSlug = null)
{
    /// <summary>The line stored with the version when the clinician acknowledges it.</summary>
    public override string ToString() => $"{Message} — {Reason}";
}

/// <summary>
/// The safety rules (pregnancy by trimester, back-pain red flags), in one place a clinician can read. They warn and never block: the clinician
/// acknowledges the warnings and decides.
/// </summary>
public static class SafetyRules
{
    /// <summary>Length of a pregnancy from the first day of the last period to the due date.</summary>
    public const int PregnancyDays = 280;

    /// <summary>First trimester: weeks 0 to 13+6; the second starts at week 14 (day 98).</summary>
    public const int SecondTrimesterStartsOnDay = 14 * 7;

    /// <summary>Third trimester starts at week 28 (day 196).</summary>
    public const int ThirdTrimesterStartsOnDay = 28 * 7;

    /// <summary>The trimester (1–3) on a date, from the due date; null when the date is outside the pregnancy.</summary>
    public static int? Trimester(DateOnly dueDate, DateOnly on)
    {
        var day = GestationalDay(dueDate, on);
        if (day < 0 || day > PregnancyDays + 14) return null;
        return day < SecondTrimesterStartsOnDay ? 1 : day < ThirdTrimesterStartsOnDay ? 2 : 3;
    }

    /// <summary>Days since the start of the pregnancy (week 0, day 0) on a date.</summary>
    public static int GestationalDay(DateOnly dueDate, DateOnly on) => PregnancyDays - (dueDate.DayNumber - on.DayNumber);

    /// <summary>The first day of the second trimester for a due date.</summary>
    public static DateOnly SecondTrimesterStart(DateOnly dueDate) => dueDate.AddDays(SecondTrimesterStartsOnDay - PregnancyDays);

    public static IReadOnlyList<SafetyWarning> Evaluate(SafetyCheck check)
    {
        var warnings = new List<SafetyWarning>();
        var pregnant = check.Conditions.HasFlag(ConditionSet.Pregnancy);

        if (pregnant)
        {
            if (check.PregnancyDueDate is null)
            {
                warnings.Add(new("pregnancy-no-due-date", "No due date recorded for this pregnancy",
                    "Without a due date the portal cannot tell the trimester, so it cannot check positions for it. Add the due date to the patient's details."));
            }
            foreach (var e in check.Exercises.Where(e => e.Cautions.HasFlag(CautionTags.LyingFaceDown)))
            {
                warnings.Add(new("pregnancy-face-down", $"{e.Name} is done lying face down",
                    "Lying face down presses on the abdomen and is usually avoided in pregnancy.", e.Slug));
            }
            if (check.PregnancyDueDate is { } due)
            {
                var secondTrimester = SecondTrimesterStart(due);
                var pastFirstDuringRoutine = check.EndDate >= secondTrimester && GestationalDay(due, check.StartDate) <= PregnancyDays + 14;
                if (pastFirstDuringRoutine)
                {
                    var from = check.StartDate >= secondTrimester
                        ? $"at the start of this routine ({check.StartDate:d MMM yyyy}) she is in trimester {Trimester(due, check.StartDate)}"
                        : $"from {secondTrimester:d MMM yyyy}, during this routine, she is past the first trimester";
                    foreach (var e in check.Exercises.Where(e => e.Cautions.HasFlag(CautionTags.LyingOnBack) && e.Dosage.HoldMinSeconds is not null))
                    {
                        warnings.Add(new("pregnancy-supine-hold", $"{e.Name} holds a position lying flat on the back",
                            $"After the first trimester, lying flat on the back for long is advised against (ACOG Committee Opinion 804); {from}.", e.Slug));
                    }
                }
            }
            foreach (var flag in check.RedFlags.Each().Where(f => RedFlagText.Questions.First(q => q.Flag == f).PregnancyOnly))
            {
                warnings.Add(new($"pregnancy-contraindication-{flag}", $"Intake: {RedFlagText.Question(flag)}",
                    "This is a reason to hold off exercise in pregnancy until the obstetric team has cleared it."));
            }
        }

        foreach (var flag in check.RedFlags.Each().Where(f => !RedFlagText.Questions.First(q => q.Flag == f).PregnancyOnly))
        {
            warnings.Add(new($"red-flag-{flag}", $"Red flag at intake: {RedFlagText.Question(flag)}",
                "A red flag for serious back problems: assess (and refer if needed) before prescribing exercise."));
        }
        return warnings;
    }
}
