using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>A patient's outcome measures: each charted from baseline with its minimal important change, and a paper total.</summary>
public class OutcomesModel(PortalDbContext db, OutcomeRecorder recorder, AuditLog audit) : PageModel
{
    public sealed class PaperInput
    {
        public OutcomeMeasure? Measure { get; set; }
        public string? Name { get; set; }
        public decimal? RangeMin { get; set; }
        public decimal? RangeMax { get; set; }
        public bool HigherIsBetter { get; set; }
        public decimal? Score { get; set; }
    }

    [BindProperty]
    public PaperInput Paper { get; set; } = new();

    public string PatientName { get; private set; } = "";
    public Guid PatientId { get; private set; }
    public IReadOnlyList<OutcomeSeries> Series { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await HttpContext.AuditAsync(audit, "patient.outcomes.read", id, "outcome measures");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var by = User.FindFirst(PortalClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "clinician";
        var problems = await recorder.RecordPaperAsync(id, Paper.Measure ?? (OutcomeMeasure)(-1), Paper.Name, Paper.RangeMin, Paper.RangeMax, Paper.HigherIsBetter, Paper.Score, by);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError($"Paper.{field}", message);
            return Page();
        }
        await HttpContext.AuditAsync(audit, "patient.outcomes.recorded", id, Paper.Measure.ToString());
        TempData["Flash"] = "Score recorded.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.FirstName, p.LastName }).FirstOrDefaultAsync();
        if (patient is null) return false;
        (PatientId, PatientName) = (id, $"{patient.FirstName} {patient.LastName}");
        Series = await recorder.SeriesAsync(id);
        return true;
    }

    public string ErrorFor(string key) => ModelState.ErrorFor(key);
}
