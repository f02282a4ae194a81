using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Patients;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Admin.Patients;

/// <summary>A patient's data as a zip (JSON and every handout), for a subject access request. Audited.</summary>
public class ExportModel(PatientRecords records, AuditLog audit, IOptions<PortalOptions> portal) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var export = await records.ExportAsync(id, portal.Value.PublicUrl);
        if (export is null) return NotFound();
        await HttpContext.AuditAsync(audit, PhysioPortal.Core.Audit.AuditActions.PatientExport, id, "data export (JSON and handouts)");
        Response.Headers.CacheControl = "no-store, private";
        return File(export.Value.Zip, "application/zip", export.Value.FileName);
    }
}
