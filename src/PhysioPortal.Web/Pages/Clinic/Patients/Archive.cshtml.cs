using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// Archives a patient (or restores an archived one). Nothing is ever deleted: the record, its prescriptions and logs
/// stay; an archived patient drops out of the everyday list.
/// </summary>
public class ArchiveModel(PortalDbContext db, TimeProvider clock, PhysioPortal.Core.Patients.PatientPreferencesChanged changed) : PageModel
{
    public Guid Id { get; private set; }
    public string PatientName { get; private set; } = "";
    public DateTimeOffset? ArchivedAt { get; private set; }
    public bool HasActivePrescription { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                Name = p.FirstName + " " + p.LastName,
                p.ArchivedAt,
                Active = db.Prescriptions.Any(r => r.PatientId == p.Id && r.Status == PrescriptionStatus.Active),
            })
            .FirstOrDefaultAsync();
        if (patient is null)
        {
            return NotFound();
        }
        (Id, PatientName, ArchivedAt, HasActivePrescription) = (patient.Id, patient.Name, patient.ArchivedAt, patient.Active);
        return Page();
    }

    /// <summary>Archives; archiving an archived patient changes nothing.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null)
        {
            return NotFound();
        }
        if (patient.ArchivedAt is null)
        {
            patient.ArchivedAt = clock.GetUtcNow();
            await db.SaveChangesAsync();
            await changed.NotifyAsync(id); // archived: pending emails are cancelled; restored: re-planned
            await Extensions.AuditExtensions.AuditAsync(HttpContext, PhysioPortal.Core.Audit.AuditActions.PatientArchive, id, patient.ArchivedAt is null ? "restored" : "archived");
        }
        TempData["Flash"] = $"{patient.FullName} is archived. Nothing was deleted; you can restore the patient from their page.";
        return RedirectToPage("/Clinic/Patients/Details", new { id = patient.Id });
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null)
        {
            return NotFound();
        }
        if (patient.ArchivedAt is not null)
        {
            patient.ArchivedAt = null;
            await db.SaveChangesAsync();
            await changed.NotifyAsync(id); // archived: pending emails are cancelled; restored: re-planned
            await Extensions.AuditExtensions.AuditAsync(HttpContext, PhysioPortal.Core.Audit.AuditActions.PatientArchive, id, patient.ArchivedAt is null ? "restored" : "archived");
        }
        TempData["Flash"] = $"{patient.FullName} is restored.";
        return RedirectToPage("/Clinic/Patients/Details", new { id = patient.Id });
    }
}
