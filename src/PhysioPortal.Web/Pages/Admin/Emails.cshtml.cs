using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Pages.Admin;

/// <summary>
/// Every scheduled email of the clinic (the context's query filter keeps it to this clinic), newest due first, with
/// filters by state, kind and patient name, the last error, and "send again" for failed rows.
/// </summary>
public class EmailsModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public EmailState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public EmailKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Patient { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool HasMore { get; private set; }
    public IReadOnlyDictionary<EmailState, int> Counts { get; private set; } = new Dictionary<EmailState, int>();

    public sealed record Row(Guid Id, EmailKind Kind, EmailState State, string Recipient, Guid? PatientId, DateTimeOffset DueAt,
        int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? MessageId, string? LastError);

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var search = Patient?.Trim().ToLowerInvariant();
        if (search?.Length > 100) search = search[..100];
        var query =
            from e in db.ScheduledEmails.AsNoTracking()
            join pt in db.Patients on e.PatientId equals pt.Id into pts
            from pt in pts.DefaultIfEmpty()
            join u in db.Users on e.ClinicianUserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new { e, PatientName = pt == null ? null : pt.FirstName + " " + pt.LastName, PatientSearch = pt == null ? null : pt.SearchText, UserName = u == null ? null : u.DisplayName };
        if (State is { } state) query = query.Where(x => x.e.State == state);
        if (Kind is { } kind) query = query.Where(x => x.e.Kind == kind);
        if (!string.IsNullOrEmpty(search)) query = query.Where(x => x.PatientSearch != null && x.PatientSearch.Contains(search));

        var rows = await query
            .OrderByDescending(x => x.e.DueAt).ThenBy(x => x.e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(x => new Row(x.e.Id, x.e.Kind, x.e.State, x.PatientName ?? (x.UserName == null ? "—" : x.UserName + " (clinician)"), x.e.PatientId,
                x.e.DueAt, x.e.Attempts, x.e.NextAttemptAt, x.e.SentAt, x.e.MessageId, x.e.LastError))
            .ToListAsync();
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        Counts = await db.ScheduledEmails.AsNoTracking().GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>An admin decides a failed row should go again (e.g. an "outcome unknown" one that never left).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var changed = await db.ScheduledEmails.Where(e => e.Id == id && e.State == EmailState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.NextAttemptAt, now)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.DataStartedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.LastError, e => "Sent again by an admin. Before: " + e.LastError));
        TempData["Flash"] = changed == 1 ? "The email is queued again and goes out within a minute." : "That email is not failed (any more).";
        return RedirectToPage(new { State, Kind, Patient, p = PageNumber });
    }

    public string PageUrl(int page) =>
        Url.Page("/Admin/Emails", new { State, Kind, Patient, p = page }) ?? "/admin/emails";
}
