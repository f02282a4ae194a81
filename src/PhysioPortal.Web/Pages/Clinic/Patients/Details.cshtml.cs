using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>One patient: details, intake answers, the current prescription and its history.</summary>
public class DetailsModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public Patient Patient { get; private set; } = null!;
    public Prescription? Active { get; private set; }
    public PrescriptionVersion? Current { get; private set; }
    public IReadOnlyList<PrescriptionVersion> History { get; private set; } = [];
    public IReadOnlyList<Prescription> Ended { get; private set; } = [];
    public int? TrimesterToday { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null) return NotFound();
        Patient = patient;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (patient.PregnancyDueDate is { } due) TrimesterToday = SafetyRules.Trimester(due, Today);

        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == id)
            .Include(p => p.Versions.OrderByDescending(v => v.Number)).AsSplitQuery()
            .OrderByDescending(p => p.UpdatedAt).ToListAsync();
        Active = prescriptions.FirstOrDefault(p => p.Status == PrescriptionStatus.Active);
        Ended = prescriptions.Where(p => p.Status != PrescriptionStatus.Active).ToList();
        if (Active is not null)
        {
            History = Active.Versions;
            var currentId = Active.Versions.First().Id;
            Current = await db.PrescriptionVersions.AsNoTracking().Include(v => v.Exercises.OrderBy(e => e.Position))
                .FirstAsync(v => v.Id == currentId);
        }
        return Page();
    }
}
