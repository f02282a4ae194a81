using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Clinic;

/// <summary>The clinician's home: their patients with an active routine, newest first, and the clinic's counts.</summary>
public class IndexModel(PortalDbContext db, SlippingPatients slipping, CaseloadCache caseloads, PhysioPortal.Core.Alerts.AlertInbox inbox) : PageModel
{
    public const int ListSize = 50;

    public string Name { get; private set; } = "";
    public string ClinicName { get; private set; } = "";
    public int PatientCount { get; private set; }
    public int ActiveCount { get; private set; }
    public int MyActiveCount { get; private set; }
    public IReadOnlyList<MyPatientRow> MyPatients { get; private set; } = [];
    /// <summary>The worst first, at most <see cref="SlippingShown"/>; <see cref="SlippingCount"/> says how many in all.</summary>
    public IReadOnlyList<SlippingPatient> Slipping { get; private set; } = [];
    public int SlippingCount { get; private set; }

    /// <summary>Patients whose routine has had fewer than 2 scheduled days: "just started", not judged yet.</summary>
    public IReadOnlySet<Guid> JustStarted { get; private set; } = new HashSet<Guid>();
    public const int SlippingShown = 50;

    /// <summary>The newest open and seen alerts (at most <see cref="AlertsShown"/>), and how many in all.</summary>
    public IReadOnlyList<PhysioPortal.Core.Alerts.AlertRow> Alerts { get; private set; } = [];
    public int AlertCount { get; private set; }
    public const int AlertsShown = 10;

    public async Task OnGetAsync()
    {
        Name = User.DisplayName();
        var userId = User.UserId();
        var clinicId = User.ClinicId();
        ClinicName = await db.Clinics.Where(c => c.Id == clinicId).Select(c => c.Name).SingleAsync();
        // The clinic's counts and the clinician's newest routines: kept with the caseload until a write touches them.
        var counts = await caseloads.GetAsync(clinicId, "counts", async () =>
            (new ClinicCounts(await db.Patients.CountAsync(p => p.ArchivedAt == null), await db.Prescriptions.CountAsync(p => p.Status == PrescriptionStatus.Active)),
             (IReadOnlyDictionary<string, DateOnly>?)null), logsMatter: false);
        (PatientCount, ActiveCount) = (counts.Patients, counts.Active);
        var mine = db.Prescriptions.Where(p => p.Status == PrescriptionStatus.Active && p.ClinicianUserId == userId && p.Patient!.ArchivedAt == null);
        MyPatients = await caseloads.GetAsync(clinicId, "newest:" + userId, async () =>
            ((IReadOnlyList<MyPatientRow>)await mine.OrderByDescending(p => p.UpdatedAt).Take(ListSize)
                .Select(p => new MyPatientRow(p.PatientId, p.Patient!.FirstName + " " + p.Patient.LastName,
                    p.Versions.OrderByDescending(v => v.Number).Select(v => v.Title).First(), p.CurrentVersionNumber, p.UpdatedAt))
                .ToListAsync(), (IReadOnlyDictionary<string, DateOnly>?)null), logsMatter: false);
        // The caseload query reads the same prescriptions as `mine`: its count is MyActiveCount (no second count).
        // The newest alerts and the open count in one statement; the menu's count is the same one.
        var alerts = await inbox.OpenPageAsync(userId, 0, AlertsShown);
        (Alerts, AlertCount) = (alerts.Rows, alerts.Total);
        var caseload = await caseloads.GetAsync(clinicId, userId, slipping);
        MyActiveCount = caseload.ActiveCount;
        SlippingCount = caseload.Slipping.Count;
        JustStarted = caseload.JustStarted;
        Slipping = caseload.Slipping.Take(SlippingShown).ToList();
    }

    private sealed record ClinicCounts(int Patients, int Active);

    public sealed record MyPatientRow(Guid PatientId, string Name, string Routine, int Version, DateTimeOffset UpdatedAt);
}
