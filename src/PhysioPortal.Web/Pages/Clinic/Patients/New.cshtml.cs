using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>Adds a patient to the signed-in clinician's clinic.</summary>
public class NewModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PatientInput Input { get; set; } = new();

    /// <summary>Ticked when the clinician confirms the patient is not the one with the same name and date of birth.</summary>
    [BindProperty]
    public bool ConfirmDifferentPerson { get; set; }

    /// <summary>Patients with the same name and date of birth: shown with links, and the form asks to confirm.</summary>
    public IReadOnlyList<PatientDuplicates.Match> SamePerson { get; private set; } = [];

    /// <summary>The patient who already has the address: the save is refused.</summary>
    public PatientDuplicates.Match? EmailOwner { get; private set; }

    public async Task OnGetAsync()
    {
        var (clinicTimeZone, today) = await ClinicDate.ForAsync(db, User.ClinicId(), clock);
        ViewData["Today"] = today;
        Input = PatientInput.ForNewPatient(clinicTimeZone);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var clinicId = User.ClinicId();
        var (_, today) = await ClinicDate.ForAsync(db, clinicId, clock);
        ViewData["Today"] = today;
        Input.Validate(ModelState, today);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        EmailOwner = await PatientDuplicates.EmailOwnerAsync(db, Input.Email);
        if (EmailOwner is not null)
        {
            ModelState.AddModelError("Input.Email", PatientInput.EmailTakenMessage(EmailOwner.Name));
            return Page();
        }
        SamePerson = await PatientDuplicates.SamePersonAsync(db, Input.FirstName!, Input.LastName!, Input.DateOfBirth);
        if (SamePerson.Count > 0 && !ConfirmDifferentPerson)
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
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (PatientDuplicates.IsDuplicateEmail(ex))
        {
            // Another save with the same address won the race between the check and the insert.
            ModelState.AddModelError("Input.Email", PatientInput.EmailTakenMessage("Another patient"));
            return Page();
        }
        await Extensions.AuditExtensions.AuditAsync(HttpContext, PhysioPortal.Core.Audit.AuditActions.PatientCreate, patient.Id);
        TempData["Flash"] = $"{patient.FullName} is added.";
        return RedirectToPage("/Clinic/Patients/Details", new { id = patient.Id });
    }
}
