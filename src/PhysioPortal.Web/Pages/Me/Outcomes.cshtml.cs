using Microsoft.AspNetCore.Mvc;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>
/// The patient's questionnaire: at the start, the Patient-Specific Functional Scale (3–5 activities they find hard,
/// each rated 0–10); every 2 weeks after, the same activities again and the global rating of change. Made for a phone.
/// </summary>
public class OutcomesModel(OutcomeRecorder recorder) : PatientPage
{
    public sealed class ItemInput
    {
        public string? Activity { get; set; }
        public int? Rating { get; set; }
    }

    [BindProperty]
    public List<ItemInput> Items { get; set; } = [];

    [BindProperty]
    public int? GlobalChange { get; set; }

    public OutcomeQuestions Questions { get; private set; } = new([], false, null);

    public async Task OnGetAsync()
    {
        Questions = await recorder.QuestionsAsync(PatientId);
        Items = Questions.IsFollowUp
            ? Questions.Activities.Select(a => new ItemInput { Activity = a }).ToList()
            : Enumerable.Range(0, OutcomeRules.PsfsMaxActivities).Select(_ => new ItemInput()).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Questions = await recorder.QuestionsAsync(PatientId);
        var items = Items.Take(OutcomeRules.PsfsMaxActivities + 5).Select(i => (i.Activity ?? "", i.Rating)).ToList();
        if (ModelState.IsValid)
        {
            var problems = await recorder.RecordPsfsAsync(PatientId, items, GlobalChange);
            if (problems.Count == 0)
            {
                TempData["Flash"] = "Thank you: your answers are saved for your clinician.";
                return RedirectToPage("/Me/Index");
            }
            foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        }
        while (!Questions.IsFollowUp && Items.Count < OutcomeRules.PsfsMaxActivities) Items.Add(new ItemInput());
        if (Questions.IsFollowUp) Items = Questions.Activities.Select((a, i) => new ItemInput { Activity = a, Rating = i < Items.Count ? Items[i].Rating : null }).ToList();
        return Page();
    }

    public string ErrorFor(string key) => ModelState.ErrorFor(key);
}
