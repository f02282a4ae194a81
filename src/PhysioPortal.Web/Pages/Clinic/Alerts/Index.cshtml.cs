using PhysioPortal.Core.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Alerts;

namespace PhysioPortal.Web.Pages.Clinic.Alerts;

/// <summary>The clinician's alerts inbox: open and seen alerts, newest first; or the latest resolved ones.</summary>
public class IndexModel(AlertInbox inbox) : PageModel
{
    public const int PageSize = 100;

    public bool ShowResolved { get; private set; }
    public int OpenCount { get; private set; }
    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];

    public async Task OnGetAsync(string? show)
    {
        var userId = User.UserId();
        ShowResolved = show == "resolved";
        OpenCount = await inbox.OpenCountAsync(userId);
        Alerts = ShowResolved ? await inbox.ResolvedAsync(userId, PageSize) : await inbox.OpenAsync(userId, PageSize);
    }
}
