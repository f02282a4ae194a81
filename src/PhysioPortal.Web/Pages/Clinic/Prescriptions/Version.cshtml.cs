using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Clinic.Prescriptions;

/// <summary>One saved version of a prescription, read-only, as it was given to the patient.</summary>
public class VersionModel(PortalDbContext db, PhysioPortal.Core.Audit.AuditLog audit) : PageModel
{
    public PrescriptionVersion Version { get; private set; } = null!;
    public Guid PatientId { get; private set; }
    public string PatientName { get; private set; } = "";
    public int Latest { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number)
    {
        // Through Prescriptions first: its clinic filter decides whether this clinician may see the version at all.
        var prescription = await db.Prescriptions.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.PatientId, p.Patient!.FirstName, p.Patient.LastName, p.CurrentVersionNumber }).FirstOrDefaultAsync();
        if (prescription is null) return NotFound();
        var version = await db.PrescriptionVersions.AsNoTracking().Include(v => v.Exercises.OrderBy(e => e.Position))
            .FirstOrDefaultAsync(v => v.PrescriptionId == id && v.Number == number);
        if (version is null) return NotFound();
        await Extensions.AuditExtensions.AuditAsync(HttpContext, audit, PhysioPortal.Core.Audit.AuditActions.PrescriptionRead, prescription.PatientId, $"prescription {id} v{number}");
        (Version, PatientId, PatientName, Latest) = (version, prescription.PatientId, $"{prescription.FirstName} {prescription.LastName}", prescription.CurrentVersionNumber);
        return Page();
    }
}
