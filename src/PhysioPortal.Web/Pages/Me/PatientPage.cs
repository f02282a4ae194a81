using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>Base of the patient's pages: the patient is always the one in the sign-in cookie, never one from the URL.</summary>
public abstract class PatientPage : PageModel
{
    protected Guid PatientId => User.PatientId();
}
