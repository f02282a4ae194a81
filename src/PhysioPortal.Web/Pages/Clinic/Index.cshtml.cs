using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic;

public class IndexModel(PortalDbContext db) : PageModel
{
    public string Name { get; private set; } = "";
    public string ClinicName { get; private set; } = "";
    public int PatientCount { get; private set; }
    public int ExerciseCount { get; private set; }
    public int TemplateCount { get; private set; }

    public async Task OnGetAsync()
    {
        Name = User.FindFirst(PortalClaims.DisplayName)?.Value ?? "";
        var clinicId = Guid.Parse(User.FindFirst(PortalClaims.ClinicId)!.Value);
        ClinicName = await db.Clinics.Where(c => c.Id == clinicId).Select(c => c.Name).SingleAsync();
        PatientCount = await db.Patients.CountAsync(p => p.ArchivedAt == null);
        ExerciseCount = await db.Exercises.CountAsync();
        TemplateCount = await db.RoutineTemplates.CountAsync();
    }
}
