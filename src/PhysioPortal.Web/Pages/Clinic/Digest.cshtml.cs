using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Pages.Clinic;

/// <summary>The signed-in clinician's weekly digest: on or off.</summary>
public class DigestModel(DigestSubscription digests) : PageModel
{
    public bool On { get; private set; }

    public async Task OnGetAsync() => On = !await digests.IsOffAsync(User.UserId());

    public async Task<IActionResult> OnPostAsync(bool on)
    {
        await digests.SetAsync(User.UserId(), on);
        TempData["Flash"] = on ? "The weekly digest is on: it comes on Mondays at 08:00." : "The weekly digest is off.";
        return RedirectToPage();
    }
}
