using System.Globalization;
using PhysioPortal.Core.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Alerts;

namespace PhysioPortal.Web.Pages.Clinic.Alerts;

/// <summary>
/// The clinician's alerts inbox: open and seen alerts, newest first; or the latest resolved ones. A page at a time
/// (<see cref="PageSize"/>, "Older" and "Newer" links), its rows and the count in one statement.
/// </summary>
public class IndexModel(AlertInbox inbox) : PageModel
{
    public const int PageSize = 25;

    /// <summary>Pages past this are answered as this one (an inbox of 250 000 alerts is not read by paging).</summary>
    public const int MaxPage = 10_000;

    public bool ShowResolved { get; private set; }

    /// <summary>Open and seen alerts in all (the menu's count).</summary>
    public int OpenCount { get; private set; }

    /// <summary>How many alerts the list being paged has in all (open, or resolved).</summary>
    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;
    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];

    /// <summary>The inbox's address for a page of the list shown.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (ShowResolved) query.Add("show=resolved");
        if (page > 1) query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return "/clinic/alerts" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public int FirstShown => (PageNumber - 1) * PageSize + 1;
    public bool HasOlder => (long)PageNumber * PageSize < Total;

    /// <summary>The page the "Newer" link opens: the one before, or the last one there is when this one is past the end.</summary>
    public int NewerPage => Math.Min(PageNumber - 1, Math.Max(1, (Total + PageSize - 1) / PageSize));

    /// <param name="page">From the query string only: Razor Pages keeps its own "page" route value. Not a number, or
    /// out of range: the nearest page there is.</param>
    public async Task OnGetAsync([FromQuery] string? show, [FromQuery(Name = "page")] string? page)
    {
        var userId = User.UserId();
        ShowResolved = show == "resolved";
        PageNumber = long.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? (int)Math.Clamp(n, 1, MaxPage)
            : page is { Length: > 0 } && page.All(char.IsAsciiDigit) ? MaxPage : 1;
        var skip = (PageNumber - 1) * PageSize;
        var found = ShowResolved ? await inbox.ResolvedPageAsync(userId, skip, PageSize) : await inbox.OpenPageAsync(userId, skip, PageSize);
        (Alerts, Total) = (found.Rows, found.Total);
        OpenCount = ShowResolved ? await inbox.OpenCountAsync(userId) : Total;
    }
}
