using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>The signed-in patient's routine as an .ics file (the subscription URL is on the settings page).</summary>
public class CalendarModel(SessionLogger logger, IOptions<PortalOptions> portal, TimeProvider clock) : PatientPage
{
    public async Task<IActionResult> OnGetAsync()
    {
        var routine = await logger.RoutineAsync(PatientId);
        if (routine is null) return NotFound();
        Response.Headers.CacheControl = "no-store, private";
        return File(Encoding.UTF8.GetBytes(RoutineCalendar.Build(routine, portal.Value.PublicUrl, clock.GetUtcNow())), "text/calendar; charset=utf-8", "my-exercises.ics");
    }
}
