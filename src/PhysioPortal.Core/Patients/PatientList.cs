using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Patients;

/// <summary>Which patients the list shows.</summary>
public enum PatientListStatus
{
    /// <summary>Everyone not archived (the default).</summary>
    Current,
    Active,
    None,
    Archived,
}

/// <summary>
/// What a clinician asked the list for: search words, a condition, a status and a page (from 1). <paramref name="After"/>
/// is the last patient of the page before (the "next" link carries it): the page is then read from that patient on in
/// the list's index (keyset), however deep, instead of counting past all the pages before it.
/// </summary>
public sealed record PatientListQuery(IReadOnlyList<string> SearchWords, ExerciseGroup? Condition, PatientListStatus Status, int Page, Guid? After = null);

public sealed record PatientListRow(Guid Id, string FirstName, string LastName, string? Email, ConditionSet Conditions, bool Archived, bool ActivePrescription);

/// <summary>
/// One page of the list. <see cref="Total"/> is a lower bound when <see cref="TotalIsExact"/> is false;
/// <see cref="PastTheEnd"/> says the requested page did not exist and the last one is shown instead.
/// </summary>
public sealed record PatientListPage(IReadOnlyList<PatientListRow> Rows, int PageNumber, int Total, bool TotalIsExact, bool ClinicHasPatients,
    bool PastTheEnd);

/// <summary>
/// The clinic's patients, searched and filtered, <see cref="PageSize"/> a page in (last name, first name) order. Only
/// ids (up to <see cref="CountUpTo"/>) and one page of small rows are ever read; the clinic's query filter scopes
/// every query.
/// </summary>
public sealed class PatientList(PortalDbContext db)
{
    public const int PageSize = 25;

    /// <summary>
    /// The list reads the ids of the matches in list order up to this many (or one page past the requested one), so
    /// it knows the total up to here and says "more than 1,000" beyond: counting 100 000 rows on every page view
    /// would cost more than the page itself.
    /// </summary>
    public const int CountUpTo = 1000;

    /// <summary>A search word this short (no trigram in it) matches the start of a name or the email, not anywhere.</summary>
    public const int ShortWord = 2;

    /// <summary>Deeper than this (page 400 000) is not a page of any clinic: answered like a page past the end.</summary>
    private const int MaxSkip = 10_000_000;

    public async Task<PatientListPage> FindAsync(PatientListQuery request, CancellationToken ct = default)
    {
        var query = Filter(db.Patients.AsNoTracking(), request);
        var ordered = InListOrder(query);

        // The ids from the requested page on, looking ahead to CountUpTo: one query gives the page and the total (or
        // "more than"). PostgreSQL picks the path: the (clinic, last name, first name, id) index in order for a broad
        // list, the trigram index and a sort for a selective search such as "smith" (walking the name index from "A"
        // would test most of the clinic before finding Smith).
        var requested = request.Page;
        var skip = (long)(requested - 1) * PageSize;
        var lookAhead = (int)Math.Max(CountUpTo - skip, PageSize) + 1;
        var ids = skip > MaxSkip ? [] : await AfterAsync(query, request, ct) is { } keyset
            ? await InListOrder(keyset).Take(lookAhead).ToListAsync(ct)
            : await ordered.Skip((int)skip).Take(lookAhead).ToListAsync(ct);
        var pastTheEnd = false;
        if (ids.Count == 0 && skip > 0)
        {
            // A page past the end: count to the end (only here) and show the last page.
            var total = await query.CountAsync(ct);
            pastTheEnd = total > 0;
            requested = Math.Max(1, (total + PageSize - 1) / PageSize);
            skip = (long)(requested - 1) * PageSize;
            lookAhead = PageSize + 1;
            ids = total == 0 ? [] : await ordered.Skip((int)skip).Take(lookAhead).ToListAsync(ct);
        }
        var exact = ids.Count < lookAhead;
        var count = (int)skip + (exact ? ids.Count : lookAhead - 1);
        if (count == 0) return new PatientListPage([], requested, 0, true, await db.Patients.AnyAsync(ct), pastTheEnd);

        var pageIds = ids.Take(PageSize).ToList();
        var rows = await db.Patients.AsNoTracking()
            .Where(p => pageIds.Contains(p.Id))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FirstName, p.LastName, p.Email, p.Conditions, Archived = p.ArchivedAt != null })
            .ToListAsync(ct);

        // Which of them have an active prescription: one indexed look-up for the page.
        var active = (await db.Prescriptions
            .Where(r => pageIds.Contains(r.PatientId) && r.Status == PrescriptionStatus.Active)
            .Select(r => r.PatientId)
            .ToListAsync(ct)).ToHashSet();
        return new PatientListPage(
            [.. rows.Select(r => new PatientListRow(r.Id, r.FirstName, r.LastName, r.Email, r.Conditions, r.Archived, active.Contains(r.Id)))],
            requested, count, exact, true, pastTheEnd);
    }

    private static IQueryable<Guid> InListOrder(IQueryable<Patient> query) =>
        query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id).Select(p => p.Id);

    /// <summary>
    /// The matches after the patient the "next" link named, by a row comparison on the list's index
    /// (last name, first name, id); null when the link named none, or one this clinic does not have (then the page is
    /// counted out as usual).
    /// </summary>
    private async Task<IQueryable<Patient>?> AfterAsync(IQueryable<Patient> query, PatientListQuery request, CancellationToken ct)
    {
        if (request.After is not { } after || request.Page < 2) return null;
        var key = await db.Patients.AsNoTracking().Where(p => p.Id == after).Select(p => new { p.LastName, p.FirstName }).FirstOrDefaultAsync(ct);
        if (key is null) return null;
        return query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.LastName, p.FirstName, p.Id), ValueTuple.Create(key.LastName, key.FirstName, after)));
    }

    /// <summary>The statement that reads a page's ids (for tests that look at its plan).</summary>
    internal IQueryable<Guid> IdsQuery(PatientListQuery request) => InListOrder(Filter(db.Patients.AsNoTracking(), request)).Take(CountUpTo + 1);

    private IQueryable<Patient> Filter(IQueryable<Patient> query, PatientListQuery request)
    {
        query = request.Status switch
        {
            PatientListStatus.Archived => query.Where(p => p.ArchivedAt != null),
            PatientListStatus.Active => query.Where(p => p.ArchivedAt == null
                && db.Prescriptions.Any(r => r.PatientId == p.Id && r.Status == PrescriptionStatus.Active)),
            PatientListStatus.None => query.Where(p => p.ArchivedAt == null
                && !db.Prescriptions.Any(r => r.PatientId == p.Id && r.Status == PrescriptionStatus.Active)),
            _ => query.Where(p => p.ArchivedAt == null),
        };
        if (request.Condition is { } group)
        {
            var flag = group.ToCondition();
            query = query.Where(p => (p.Conditions & flag) != 0);
        }
        // Each word must appear in "first last email" (a stored, lower-cased column with a trigram index). A word of
        // one or two letters has no trigram: it must start the first name, the last name or the email instead, which
        // btree indexes on lower(name) serve as a range (migration PatientNamePrefixIndexes) where "anywhere" read the
        // whole clinic.
        foreach (var word in request.SearchWords)
        {
            if (word.Length <= ShortWord)
            {
                var prefix = LikePattern.StartingWith(word.ToLowerInvariant());
                query = query.Where(p => EF.Functions.Like(p.LastName.ToLower(), prefix, LikePattern.EscapeCharacter)
                    || EF.Functions.Like(p.FirstName.ToLower(), prefix, LikePattern.EscapeCharacter)
                    || EF.Functions.Like(p.EmailKey!, prefix, LikePattern.EscapeCharacter));
                continue;
            }
            var pattern = LikePattern.Containing(word);
            query = query.Where(p => EF.Functions.ILike(p.SearchText, pattern, LikePattern.EscapeCharacter));
        }
        return query;
    }
}
