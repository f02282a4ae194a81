using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Clinic.Prescriptions;

/// <summary>
/// The printable handout of a prescription version as a PDF: the current version, or <c>?version=N</c>.
/// The clinic filter decides visibility: another clinic's prescription is not found (404).
/// <c>?download=true</c> asks the browser to save the file instead of opening it.
/// </summary>
public class PrescriptionHandoutModel(HandoutFactory handouts, HandoutDownload sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, int? version, bool download, CancellationToken ct)
    {
        if (version is < 1) return NotFound();
        var handout = await handouts.ForPrescriptionAsync(id, version, sender.PublicUrl, ct);
        if (handout is null) return NotFound();
        return await sender.SendAsync(this, handout, download, ct);
    }
}
