using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages;

/// <summary>
/// The private calendar feed a phone subscribes to (phones cannot sign in): the token in the URL opens this feed only,
/// and the patient can replace it from their settings, which stops the old URL.
/// </summary>
[AllowAnonymous]
public class CalendarFeedModel(LinkTokens tokens, PortalContexts contexts, TimeProvider clock, IOptions<PortalOptions> portal) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.Calendar);
        if (link is null) return NotFound();
        await using var db = contexts.ForClinic(link.ClinicId);
        var routine = await new SessionLogger(db, clock).RoutineAsync(link.PatientId);
        if (routine is null) return NotFound();
        Response.Headers.CacheControl = "no-store, private";
        return File(Encoding.UTF8.GetBytes(RoutineCalendar.Build(routine, portal.Value.PublicUrl, clock.GetUtcNow())), "text/calendar; charset=utf-8", "my-exercises.ics");
    }
}
