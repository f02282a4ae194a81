using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Admin.Patients;

/// <summary>Erasing a patient: the admin types ERASE to confirm; the record is anonymised, logs kept as counts.</summary>
public class EraseModel(PortalDbContext db, PatientRecords records, AuditLog audit, PatientPreferencesChanged changed) : PageModel
{
    [BindProperty]
    public string? Confirmation { get; set; }

    public string PatientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var name = await db.Patients.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        PatientName = name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var name = await db.Patients.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        PatientName = name;
        if (!string.Equals(Confirmation?.Trim(), "ERASE", StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), "Type ERASE in capital letters to confirm.");
            return Page();
        }
        await records.EraseAsync(id);
        await changed.NotifyAsync(id);
        await HttpContext.AuditAsync(audit, PhysioPortal.Core.Audit.AuditActions.PatientErase, id, "record anonymised; logs kept as counts");
        TempData["Flash"] = "The patient's personal data is erased.";
        return RedirectToPage("/Clinic/Patients/Details", new { id });
    }
}
