using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// Changes a patient's details. The clinic's query filter hides other clinics' patients, so asking for one answers 404.
/// </summary>
public class EditModel(PortalDbContext db, TimeProvider clock, PhysioPortal.Core.Patients.PatientPreferencesChanged changed) : PageModel
{
    [BindProperty]
    public PatientInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    /// <summary>The name as stored, for the heading (the form may hold an edited, refused one).</summary>
    public string PatientName { get; private set; } = "";

    public bool IsArchived { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null)
        {
            return NotFound();
        }
        (Id, PatientName, IsArchived) = (patient.Id, patient.FullName, patient.IsArchived);
        (_, var today) = await ClinicDate.ForAsync(db, User.ClinicId(), clock);
        ViewData["Today"] = today;
        Input = PatientInput.From(patient);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id);
        if (patient is null)
        {
            return NotFound();
        }
        (Id, PatientName, IsArchived) = (patient.Id, patient.FullName, patient.IsArchived);
        (_, var today) = await ClinicDate.ForAsync(db, User.ClinicId(), clock);
        ViewData["Today"] = today;
        Input.Validate(ModelState, today);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await PhysioPortal.Core.Patients.PatientDuplicates.EmailOwnerAsync(db, Input.Email, except: patient.Id) is { } owner)
        {
            ModelState.AddModelError("Input.Email", PatientInput.EmailTakenMessage(owner.Name));
            return Page();
        }
        Input.ApplyTo(patient);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (PhysioPortal.Core.Patients.PatientDuplicates.IsDuplicateEmail(ex))
        {
            ModelState.AddModelError("Input.Email", PatientInput.EmailTakenMessage("Another patient"));
            return Page();
        }
        // Time zone, reminder time or consent may have changed: the email planner re-plans.
        await changed.NotifyAsync(patient.Id);
        await Extensions.AuditExtensions.AuditAsync(HttpContext, PhysioPortal.Core.Audit.AuditActions.PatientUpdate, patient.Id);
        TempData["Flash"] = $"{patient.FullName}'s details are saved.";
        return RedirectToPage("/Clinic/Patients/Details", new { id = patient.Id });
    }
}
