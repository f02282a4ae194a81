using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Admin;

public class IndexModel(PortalDbContext db, UserSessions sessions, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public string ClinicName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public PaperSize PaperSize { get; private set; }
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    /// <summary>The Hangfire dashboard (every clinic's jobs) is for platform operators only.</summary>
    public bool IsPlatformOperator { get; private set; }

    private Guid ClinicId => User.ClinicId();

    public async Task OnGetAsync()
    {
        var clinicId = User.ClinicId();
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == clinicId);
        (ClinicName, TimeZoneId, PaperSize) = (clinic.Name, clinic.TimeZoneId, clinic.PaperSize);
        IsPlatformOperator = (await authorization.AuthorizeAsync(User, PlatformOperatorRequirement.Policy)).Succeeded;
        var now = clock.GetUtcNow();
        Staff = await (from u in StaffOf(clinicId)
                       join ur in db.UserRoles on u.Id equals ur.UserId
                       join r in db.Roles on ur.RoleId equals r.Id
                       orderby u.DisplayName
                       select new StaffRow(u.Id, u.DisplayName, u.Email ?? "", r.Name ?? "",
                           db.UserSessions.Count(s => s.UserId == u.Id && (s.ExpiresAt == null || s.ExpiresAt > now))))
            .ToListAsync();
    }

    /// <summary>Ends every session of a staff member of this clinic (a lost laptop, someone who left).</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync(string userId)
    {
        var staff = await StaffOf(ClinicId).Where(u => u.Id == userId).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        if (staff is null) return NotFound();
        var ended = await sessions.EndAllAsync(staff.Id);
        await HttpContext.AuditAsync(AuditActions.SessionsEnd, null, $"account {staff.Id}: {ended} sessions");
        TempData["Flash"] = $"{staff.DisplayName} is signed out everywhere ({ended} {(ended == 1 ? "session" : "sessions")}).";
        return RedirectToPage();
    }

    /// <summary>The clinic's staff accounts (admins and clinicians, not patients).</summary>
    private IQueryable<PortalUser> StaffOf(Guid clinicId) =>
        db.Users.Where(u => u.ClinicId == clinicId && u.PatientId == null
                            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Roles.Patient)));

    public sealed record StaffRow(string Id, string Name, string Email, string Role, int Sessions);
}
