using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

/// <summary>
/// When a clinic requires two-step sign-in, its staff reach the clinic and admin pages only once they have set it up:
/// until then every such page sends them to the set-up page.
/// </summary>
public sealed class TwoFactorRequirement(PortalDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path;
        var staffArea = path.StartsWithSegments("/clinic", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
        if (staffArea && (http.User.IsInRole(Roles.Clinician) || http.User.IsInRole(Roles.Admin)))
        {
            var userId = http.User.UserId();
            if (await MustSetUpAsync(db, userId))
            {
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult("/Account/Manage/TwoFactor", new { area = "Identity", required = 1 });
                return;
            }
        }
        await next();
    }

    /// <summary>True when the account's clinic requires two-step sign-in and the account has not set it up.</summary>
    public static Task<bool> MustSetUpAsync(PortalDbContext db, string userId) =>
        db.Users.Where(u => u.Id == userId && !u.TwoFactorEnabled)
            .AnyAsync(u => db.Clinics.Any(c => c.Id == u.ClinicId && c.RequireTwoFactor));
}
