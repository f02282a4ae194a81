using PhysioPortal.Core.Adherence;

namespace PhysioPortal.Core.Outcomes;

/// <summary>
/// When a patient is asked the outcome questionnaire by email: on the first day of the routine (the baseline) and every
/// <see cref="OutcomeRules.FollowUpEveryDays"/> days after, while the routine runs. One answered in the week before a
/// questionnaire day (on the site, or from the previous email) counts for that day: no second email, and its link
/// says it is answered.
/// </summary>
public static class QuestionnaireSchedule
{
    /// <summary>An answer this many days before a questionnaire day (or later) counts for it.</summary>
    public const int AnsweredWithinDays = 7;

    /// <summary>The questionnaire days of a routine: its start, then every 2 weeks up to its last day.</summary>
    public static IEnumerable<DateOnly> Days(PatientSchedule schedule)
    {
        for (var day = schedule.StartDate; day <= schedule.EndDate; day = day.AddDays(OutcomeRules.FollowUpEveryDays))
            yield return day;
    }

    /// <summary>Whether the questionnaire of <paramref name="day"/> is answered, the last answer being on <paramref name="lastAnswered"/>.</summary>
    public static bool Answered(DateOnly? lastAnswered, DateOnly day) => lastAnswered is { } last && last >= day.AddDays(-AnsweredWithinDays);
}
