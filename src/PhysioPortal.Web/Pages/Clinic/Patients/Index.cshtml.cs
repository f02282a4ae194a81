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
/// (last name, first name) order. Only ids (up to <see cref="CountUpTo"/>) and one page of small rows are ever read;
/// the clinic's query filter scopes every query.
/// </summary>
public class IndexModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 25;
    public const int SearchMax = 100;

    /// <summary>
    /// The list reads the ids of the matches in list order up to this many (or one page past the requested one), so
    /// it knows the total up to here and says "more than 1,000" beyond: counting 100 000 rows on every page view
    /// would cost more than the page itself.
    /// </summary>
    public const int CountUpTo = 1000;

    /// <summary>Deeper than this (page 400 000) is not a page of any clinic: answered like a page past the end.</summary>
    private const int MaxSkip = 10_000_000;

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
        var ordered = query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id).Select(p => p.Id);

        // The ids from the requested page on, looking ahead to CountUpTo: one query gives the page and the total (or
        // "more than"). PostgreSQL picks the path: the (clinic, last name, first name, id) index in order for a broad
        // list, the trigram index and a sort for a selective search such as "smith" (walking the name index from "A"
        // would test most of the clinic before finding Smith).
        var skip = (long)(requested - 1) * PageSize;
        var lookAhead = (int)Math.Max(CountUpTo - skip, PageSize) + 1;
        var ids = skip > MaxSkip ? [] : await ordered.Skip((int)skip).Take(lookAhead).ToListAsync();
        if (ids.Count == 0 && skip > 0)
        {
            // A page past the end: count to the end (only here) and show the last page.
            var total = await query.CountAsync();
            var last = Math.Max(1, (total + PageSize - 1) / PageSize);
            if (total > 0)
            {
                Notices.Add(last == 1 ? "There is only one page; showing it." : $"There are only {last:N0} pages; showing the last one.");
            }
            requested = last;
            skip = (long)(last - 1) * PageSize;
            lookAhead = PageSize + 1;
            ids = total == 0 ? [] : await ordered.Skip((int)skip).Take(lookAhead).ToListAsync();
        }
        PageNumber = requested;
        TotalIsExact = ids.Count < lookAhead;
        Total = (int)skip + (TotalIsExact ? ids.Count : lookAhead - 1);
        if (Total == 0)
        {
            ClinicHasPatients = await db.Patients.AnyAsync();
            return;
        }

        var pageIds = ids.Take(PageSize).ToList();
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
            var pattern = LikePattern.Containing(word);
            query = query.Where(p => EF.Functions.ILike(p.SearchText, pattern, LikePattern.EscapeCharacter));
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
