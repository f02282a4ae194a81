using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhysioPortal.Web.Pages.Bench;

/// <summary>
/// The bench's ceiling: the layout and a card, no data (what any page costs before it reads anything; signed in, the
/// session is still read). Served only when the bench turns it on (<c>Bench:Yardsticks=true</c>); a 404 otherwise.
/// </summary>
[AllowAnonymous]
public class CeilingModel(IConfiguration config) : PageModel
{
    public IActionResult OnGet() => config.GetValue<bool>(FloorModel.Setting) ? Page() : NotFound();
}
