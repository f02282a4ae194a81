using PhysioPortal.Core.Outcomes;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>One activity of the Patient-Specific Functional Scale as posted: its name (at baseline) and its rating.</summary>
public sealed class PsfsItemInput
{
    public string? Activity { get; set; }
    public int? Rating { get; set; }
}

/// <summary>What the questionnaire form (<c>_PsfsForm</c>) shows: the questions, the answers so far, the errors.</summary>
public sealed record PsfsFormView(OutcomeQuestions Questions, IReadOnlyList<PsfsItemInput> Items, int? GlobalChange, Func<string, string> ErrorFor);

/// <summary>
/// The questionnaire's form, shared by the patient's page (/me/outcomes) and the link from the questionnaire email
/// (/questionnaire/{token}): both bind <c>Items</c> and <c>GlobalChange</c>.
/// </summary>
public static class PsfsForm
{
    /// <summary>The empty form: the baseline's activities again at a follow-up, else room for the most activities.</summary>
    public static List<PsfsItemInput> Blank(OutcomeQuestions questions) => questions.IsFollowUp
        ? questions.Activities.Select(a => new PsfsItemInput { Activity = a }).ToList()
        : Enumerable.Range(0, OutcomeRules.PsfsMaxActivities).Select(_ => new PsfsItemInput()).ToList();

    /// <summary>The answers as the recorder takes them (a few more than allowed, so "too many" is reported, not cut).</summary>
    public static List<(string Activity, int? Rating)> Answers(IEnumerable<PsfsItemInput> items) =>
        items.Take(OutcomeRules.PsfsMaxActivities + 5).Select(i => (i.Activity ?? "", i.Rating)).ToList();

    /// <summary>The form shown again after a problem: what was posted, with the baseline's activities at a follow-up.</summary>
    public static List<PsfsItemInput> Again(OutcomeQuestions questions, List<PsfsItemInput> items)
    {
        if (questions.IsFollowUp)
            return questions.Activities.Select((a, i) => new PsfsItemInput { Activity = a, Rating = i < items.Count ? items[i].Rating : null }).ToList();
        var again = items.ToList();
        while (again.Count < OutcomeRules.PsfsMaxActivities) again.Add(new PsfsItemInput());
        return again;
    }
}
