using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>Adds a patient to the signed-in clinician's clinic.</summary>
public class NewModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PatientInput Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var (clinicTimeZone, today) = await PatientInput.ClinicTodayAsync(db, PatientInput.ClinicIdOf(User), clock);
        ViewData["Today"] = today;
        Input = PatientInput.ForNewPatient(clinicTimeZone);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var clinicId = PatientInput.ClinicIdOf(User);
        var (_, today) = await PatientInput.ClinicTodayAsync(db, clinicId, clock);
        ViewData["Today"] = today;
        Input.Validate(ModelState, today);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var patient = new Patient
        {
            Id = Guid.CreateVersion7(now),
            ClinicId = clinicId,
            FirstName = "",
            LastName = "",
            TimeZoneId = "",
            CreatedAt = now,
        };
        Input.ApplyTo(patient);
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{patient.FullName} is added.";
        return RedirectToPage("/Clinic/Patients/Details", new { id = patient.Id });
    }
}
