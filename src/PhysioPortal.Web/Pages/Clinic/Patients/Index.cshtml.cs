using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// The clinic's patients: reads the search, filters and page from the query string (a bad value gets a notice, never
/// an error), asks <see cref="PatientList"/> for the page, and offers the page links.
/// </summary>
public class IndexModel(PatientList list) : PageModel
{
    public const int PageSize = PatientList.PageSize;
    public const int SearchMax = 100;

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public ExerciseGroup? Condition { get; private set; }
    public PatientListStatus Status { get; private set; } = PatientListStatus.Current;
    public int PageNumber { get; private set; } = 1;

    /// <summary>The number of matches; a lower bound when <see cref="TotalIsExact"/> is false.</summary>
    public int Total { get; private set; }
    public bool TotalIsExact { get; private set; } = true;

    /// <summary>The number of pages; when the total is not exact, the pages known to exist (there are more).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasNextPage => PageNumber < PageCount || !TotalIsExact;
    public bool ClinicHasPatients { get; private set; } = true;
    public List<string> Notices { get; } = [];
    public IReadOnlyList<PatientListRow> Patients { get; private set; } = [];

    public bool Filtered => !string.IsNullOrEmpty(Q) || Condition is not null || Status != PatientListStatus.Current;
    public int First => Total == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
    public int Last => Math.Min(PageNumber * PageSize, Total);

    /// <param name="page">From the query string only: Razor Pages keeps its own "page" route value.</param>
    /// <param name="after">The last patient of the page before, from the "next" links: the page is read from there on.</param>
    public async Task OnGetAsync([FromQuery] string? condition, [FromQuery] string? status, [FromQuery(Name = "page")] string? page, [FromQuery] string? after)
    {
        ReadFilters(condition, status);
        var result = await list.FindAsync(new PatientListQuery([.. SearchWords(Q)], Condition, Status, ReadPage(page),
            Guid.TryParse(after, out var a) ? a : null), HttpContext.RequestAborted);
        if (result.PastTheEnd)
        {
            Notices.Add(result.PageNumber == 1 ? "There is only one page; showing it." : $"There are only {result.PageNumber:N0} pages; showing the last one.");
        }
        (Patients, PageNumber, Total, TotalIsExact, ClinicHasPatients) =
            (result.Rows, result.PageNumber, result.Total, result.TotalIsExact, result.ClinicHasPatients);
    }

    /// <summary>The list's address for a page, keeping the current search and filters.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Q)) query.Add("q", Q);
        if (Condition is { } c) query.Add("condition", c.ToString());
        if (Status != PatientListStatus.Current) query.Add("status", Status.ToString().ToLowerInvariant());
        if (page > 1) query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        // The next page is read on from this page's last patient (keyset): as quick at page 500 as at page 2.
        if (page == PageNumber + 1 && Patients.Count > 0) query.Add("after", Patients[^1].Id.ToString());
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
            var match = Enum.GetValues<PatientListStatus>()
                .Where(s => string.Equals(s.ToString(), status.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(s => (PatientListStatus?)s).FirstOrDefault();
            if (match is null) Notices.Add("That status does not exist; showing all current patients.");
            Status = match ?? PatientListStatus.Current;
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
}
