using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages;

/// <summary>The landing page: sends each signed-in role to its home; shows a short welcome otherwise.</summary>
[AllowAnonymous]
public class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Clinician)) return RedirectToPage("/Clinic/Index");
        if (User.IsInRole(Roles.Admin)) return RedirectToPage("/Admin/Index");
        if (User.IsInRole(Roles.Patient)) return RedirectToPage("/Me/Index");
        return Page();
    }
}
