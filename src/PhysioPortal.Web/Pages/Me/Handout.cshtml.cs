using Microsoft.AspNetCore.Mvc;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>
/// The signed-in patient's handout (their active routine, current version) as a PDF. The patient is the one in the
/// sign-in cookie; nothing in the URL can choose another. Without a routine: a friendly page with status 404.
/// </summary>
public class PatientHandoutModel(HandoutFactory handouts, HandoutDownload sender) : PatientPage
{
    public async Task<IActionResult> OnGetAsync(bool download, CancellationToken ct)
    {
        var handout = await handouts.ForPatientAsync(PatientId, sender.PublicUrl, ct);
        if (handout is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return await sender.SendAsync(this, handout, download, ct);
    }
}
