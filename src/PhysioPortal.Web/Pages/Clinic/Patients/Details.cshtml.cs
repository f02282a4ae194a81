using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>One patient: details, intake answers, the current prescription and its history.</summary>
public class PatientDetailsModel(PortalDbContext db, TimeProvider clock, PatientInvitations invitations, PhysioPortal.Core.Audit.AuditLog audit,
    Microsoft.Extensions.Options.IOptions<Extensions.PortalOptions> portal) : PageModel
{
    /// <summary>Sends (or sends again) the invitation to the portal; a new link replaces the old one.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id)
    {
        var result = await invitations.InviteAsync(id, portal.Value.PublicUrl);
        if (!result.Sent && result.Message == "Patient not found.") return NotFound();
        if (result.Sent) await Extensions.AuditExtensions.AuditAsync(HttpContext, audit, PhysioPortal.Core.Audit.AuditActions.PatientInvite, id);
        TempData[result.Sent ? "Flash" : "FlashError"] = result.Message;
        return RedirectToPage("/Clinic/Patients/Details", new { id });
    }

    public bool HasAccount { get; private set; }
    public Adherence? Week { get; private set; }
    public Adherence? Month { get; private set; }
    public PainTrend? Pain { get; private set; }
    public IReadOnlyList<SessionLog> Sessions { get; private set; } = [];

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
        await Extensions.AuditExtensions.AuditAsync(HttpContext, audit, PhysioPortal.Core.Audit.AuditActions.PatientRead, id, "patient page");
        Today = LocalDates.PatientToday(patient.TimeZoneId, clock.GetUtcNow());
        HasAccount = await db.Users.AnyAsync(u => u.PatientId == id);
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
            await LoadAdherenceAsync(Active.Id, Current);
        }
        return Page();
    }

    /// <summary>Adherence over 7 and 28 days in the patient's time zone, the pain trend and the latest sessions.</summary>
    private async Task LoadAdherenceAsync(Guid prescriptionId, PrescriptionVersion current)
    {
        var today = LocalDates.PatientToday(Patient.TimeZoneId, clock.GetUtcNow());
        var schedule = current.Schedule;
        var logs = await db.SessionLogs.AsNoTracking().Where(l => l.PrescriptionId == prescriptionId)
            .OrderByDescending(l => l.LocalDate).ThenByDescending(l => l.Session).ToListAsync();
        var sessions = logs.Select(l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter)).ToList();
        Week = AdherenceCalculator.OverEndedDays(schedule, sessions, today, 7);
        Month = AdherenceCalculator.OverEndedDays(schedule, sessions, today, 28);
        Pain = AdherenceCalculator.Pain(sessions);
        Sessions = logs.Take(30).ToList();
    }
}
