using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// The clinic's patients: search by name or email, filter by condition and by prescription status, 25 a page in
/// (last name, first name) order. Only one page of small rows is ever read; the clinic's query filter scopes it.
/// </summary>
public class IndexModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 25;
    public const int SearchMax = 100;

    /// <summary>
    /// Counting stops here (or at the requested page, when deeper): "of more than 5,000 patients" is as useful to a
    /// clinician as an exact number, and counting 100 000 rows on every page view is not free. Up to this many
    /// matches, a search also sorts all its matches instead of walking the name index (see <see cref="OnGetAsync"/>).
    /// </summary>
    public const int CountUpTo = 5000;

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public ExerciseGroup? Condition { get; private set; }
    public ListStatus Status { get; private set; } = ListStatus.Current;
    public int PageNumber { get; private set; } = 1;

    /// <summary>The number of matches; a lower bound when <see cref="TotalIsExact"/> is false.</summary>
    public int Total { get; private set; }
    public bool TotalIsExact { get; private set; } = true;

    /// <summary>The number of pages; when the total is not exact, the pages known to exist (there are more).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasNextPage => PageNumber < PageCount || !TotalIsExact;
    public bool ClinicHasPatients { get; private set; } = true;
    public List<string> Notices { get; } = [];
    public IReadOnlyList<PatientRow> Patients { get; private set; } = [];

    public bool Filtered => !string.IsNullOrEmpty(Q) || Condition is not null || Status != ListStatus.Current;
    public int First => Total == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
    public int Last => Math.Min(PageNumber * PageSize, Total);

    /// <param name="page">From the query string only: Razor Pages keeps its own "page" route value.</param>
    public async Task OnGetAsync([FromQuery] string? condition, [FromQuery] string? status, [FromQuery(Name = "page")] string? page)
    {
        ReadFilters(condition, status);
        var requested = ReadPage(page);
        var query = Filter(db.Patients.AsNoTracking());

        // Count only as far as needed: to CountUpTo, or to one row past the requested page.
        var countLimit = (int)Math.Min(int.MaxValue, Math.Max(CountUpTo, (long)requested * PageSize) + 1);
        var counted = await query.Take(countLimit).CountAsync();
        TotalIsExact = counted < countLimit;
        Total = TotalIsExact ? counted : countLimit - 1;
        if (Total == 0)
        {
            ClinicHasPatients = !Filtered || await db.Patients.AnyAsync();
            return;
        }
        PageNumber = requested;
        if (requested > PageCount)
        {
            Notices.Add(PageCount == 1 ? "There is only one page; showing it." : $"There are only {PageCount:N0} pages; showing the last one.");
            PageNumber = PageCount;
        }
        var skip = (PageNumber - 1) * PageSize;

        // First the ids of the page, then their rows. The ids come from the (clinic, last name, first name, id)
        // index alone when it carries the filtered columns, so a deep page skips index entries, not table rows.
        var ordered = query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id).Select(p => p.Id);
        List<Guid> pageIds;
        if (TotalIsExact && Total <= CountUpTo && SearchWords(Q).Any(w => w.Length >= 3))
        {
            // A selective search: all its matches come through the trigram index, sorted, and the page is cut from
            // them. With LIMIT, PostgreSQL would walk the name index from "A" and test every row on the way, which
            // for "smith" reads most of the clinic before it finds 25.
            pageIds = [.. (await ordered.ToListAsync()).Skip(skip).Take(PageSize)];
        }
        else
        {
            pageIds = await ordered.Skip(skip).Take(PageSize).ToListAsync();
        }
        var rows = await db.Patients.AsNoTracking()
            .Where(p => pageIds.Contains(p.Id))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FirstName, p.LastName, p.Email, p.Conditions, Archived = p.ArchivedAt != null })
            .ToListAsync();

        // Which of them have an active prescription: one indexed look-up for the page.
        var active = (await db.Prescriptions
            .Where(r => pageIds.Contains(r.PatientId) && r.Status == PrescriptionStatus.Active)
            .Select(r => r.PatientId)
            .ToListAsync()).ToHashSet();
        Patients = [.. rows.Select(r => new PatientRow(r.Id, r.FirstName, r.LastName, r.Email, r.Conditions, r.Archived, active.Contains(r.Id)))];
    }

    /// <summary>The list's address for a page, keeping the current search and filters.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Q)) query.Add("q", Q);
        if (Condition is { } c) query.Add("condition", c.ToString());
        if (Status != ListStatus.Current) query.Add("status", Status.ToString().ToLowerInvariant());
        if (page > 1) query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/clinic/patients" + query.ToQueryString();
    }

    /// <summary>
    /// The page numbers to offer: the first, the last (when the total is known) and two either side of the current
    /// one; 0 stands for a gap, and a final 0 for "more pages" when the total is not counted to the end.
    /// </summary>
    public IEnumerable<int> PageLinks()
    {
        var shown = new SortedSet<int> { 1 };
        if (TotalIsExact) shown.Add(PageCount);
        for (var i = PageNumber - 2; i <= PageNumber + 2; i++)
        {
            if (i >= 1 && i <= PageCount) shown.Add(i);
        }
        var previous = 0;
        foreach (var n in shown)
        {
            if (previous != 0 && n > previous + 1) yield return 0;
            yield return n;
            previous = n;
        }
        if (!TotalIsExact) yield return 0;
    }

    private IQueryable<Patient> Filter(IQueryable<Patient> query)
    {
        query = Status switch
        {
            ListStatus.Archived => query.Where(p => p.ArchivedAt != null),
            ListStatus.Active => query.Where(p => p.ArchivedAt == null
                && db.Prescriptions.Any(r => r.PatientId == p.Id && r.Status == PrescriptionStatus.Active)),
            ListStatus.None => query.Where(p => p.ArchivedAt == null
                && !db.Prescriptions.Any(r => r.PatientId == p.Id && r.Status == PrescriptionStatus.Active)),
            _ => query.Where(p => p.ArchivedAt == null),
        };
        if (Condition is { } group)
        {
            var flag = group.ToCondition();
            query = query.Where(p => (p.Conditions & flag) != 0);
        }
        // Each word must appear in "first last email" (a stored, lower-cased column with a trigram index).
        foreach (var word in SearchWords(Q))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            query = query.Where(p => EF.Functions.ILike(p.SearchText, pattern, "\\"));
        }
        return query;
    }

    private void ReadFilters(string? condition, string? status)
    {
        Q = CleanSearch(Q);
        if (!string.IsNullOrWhiteSpace(condition))
        {
            var match = Enum.GetValues<ExerciseGroup>()
                .Where(g => string.Equals(g.ToString(), condition.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(g => (ExerciseGroup?)g).FirstOrDefault();
            if (match is null) Notices.Add("That condition does not exist; showing every condition.");
            Condition = match;
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            var match = Enum.GetValues<ListStatus>()
                .Where(s => string.Equals(s.ToString(), status.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(s => (ListStatus?)s).FirstOrDefault();
            if (match is null) Notices.Add("That status does not exist; showing all current patients.");
            Status = match ?? ListStatus.Current;
        }
    }

    private int ReadPage(string? page)
    {
        if (string.IsNullOrWhiteSpace(page)) return 1;
        if (!int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            Notices.Add("Page numbers are whole numbers from 1; showing the first page.");
            return 1;
        }
        return n;
    }

    /// <summary>Trimmed, at most 100 characters, without control characters (PostgreSQL refuses NUL).</summary>
    internal static string? CleanSearch(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var cleaned = new string([.. q.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        if (cleaned.Length > SearchMax)
        {
            // Never cut an emoji (a surrogate pair) in half.
            cleaned = cleaned[..(char.IsHighSurrogate(cleaned[SearchMax - 1]) ? SearchMax - 1 : SearchMax)].Trim();
        }
        return cleaned.Length == 0 ? null : cleaned;
    }

    internal static IEnumerable<string> SearchWords(string? q) =>
        string.IsNullOrEmpty(q) ? [] : q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(5);

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public enum ListStatus
    {
        /// <summary>Everyone not archived (the default).</summary>
        Current,
        Active,
        None,
        Archived,
    }

    public sealed record PatientRow(Guid Id, string FirstName, string LastName, string? Email, ConditionSet Conditions, bool Archived, bool ActivePrescription);
}
