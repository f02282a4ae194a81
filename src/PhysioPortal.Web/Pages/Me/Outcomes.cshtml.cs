using Microsoft.AspNetCore.Mvc;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Web.Extensions;
using PhysioPortal.Web.Pages.Shared;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>
/// The patient's questionnaire: at the start, the Patient-Specific Functional Scale (3–5 activities they find hard,
/// each rated 0–10); every 2 weeks after, the same activities again and the global rating of change. Made for a phone.
/// </summary>
public class OutcomesModel(OutcomeRecorder recorder) : PatientPage
{
    [BindProperty]
    public List<PsfsItemInput> Items { get; set; } = [];

    [BindProperty]
    public int? GlobalChange { get; set; }

    public OutcomeQuestions Questions { get; private set; } = new([], false, null);

    public async Task OnGetAsync()
    {
        Questions = await recorder.QuestionsAsync(PatientId);
        Items = PsfsForm.Blank(Questions);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Questions = await recorder.QuestionsAsync(PatientId);
        if (ModelState.IsValid)
        {
            var problems = await recorder.RecordPsfsAsync(PatientId, PsfsForm.Answers(Items), GlobalChange);
            if (problems.Count == 0)
            {
                TempData["Flash"] = "Thank you: your answers are saved for your clinician.";
                return RedirectToPage("/Me/Index");
            }
            foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        }
        Items = PsfsForm.Again(Questions, Items);
        return Page();
    }

    public PsfsFormView Form => new(Questions, Items, GlobalChange, ModelState.ErrorFor);
}
