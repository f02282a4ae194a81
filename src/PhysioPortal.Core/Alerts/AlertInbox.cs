using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Alerts;

/// <summary>One alert as the inbox lists it, with the note of the log that raised it (for highlighting).</summary>
public sealed record AlertRow(
    Guid Id, AlertKind Kind, AlertState State, string Summary, DateTimeOffset RaisedAt, Guid PatientId, string PatientName,
    Guid? SessionLogId, string? Note, string? SeenByName, DateTimeOffset? SeenAt, string? ResolvedByName, DateTimeOffset? ResolvedAt,
    string? ResolutionNote)
{
    /// <summary>The note cut into pieces, the warning-sign words marked (the view encodes each piece).</summary>
    public IReadOnlyList<(string Text, bool Matched)> NotePieces =>
        Kind == AlertKind.WarningSign ? WarningSigns.Pieces(Note, WarningSigns.Find(Note)) : Note is null ? [] : [(Note, false)];

    public string KindText => AlertText.Kind(Kind);
}

/// <summary>One page of an inbox, and how many alerts it has in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertRow> Rows, int Total);

/// <summary>The log an alert points at, as the alert page shows it.</summary>
public sealed record AlertLog(DateOnly LocalDate, int Session, int? PainBefore, int? PainAfter, Difficulty? Difficulty, LogSource Source);

/// <summary>Plain words for the kinds, for the inbox and the emails.</summary>
public static class AlertText
{
    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.PainAfterSession => "Pain up during a session",
        AlertKind.PainRising => "Pain rising over weeks",
        AlertKind.TooHard => "Too hard, twice in a row",
        AlertKind.WarningSign => "Warning sign in a note",
        AlertKind.MissedDays => "Missed days",
        AlertKind.OutcomeWorse => "Questionnaire shows worse",
        _ => kind.ToString(),
    };

    public static string State(AlertState state) => state switch
    {
        AlertState.Open => "open",
        AlertState.Seen => "seen",
        AlertState.Resolved => "resolved",
        _ => state.ToString(),
    };
}

/// <summary>
/// A clinician's alerts: the open and seen ones, newest first; marking one seen; resolving it with an optional note.
/// Reads through the clinic-scoped context: another clinic's alert is not found.
/// </summary>
public sealed class AlertInbox(PortalDbContext db, TimeProvider clock)
{
    public const int MaxResolutionNote = 1000;

    /// <summary>What a change did.</summary>
    public enum Outcome { Done, NotFound, AlreadyResolved, Invalid }

    // The open count this request has read, per clinician: the menu and the page ask for it once between them.
    private (string ClinicianUserId, int Count)? _openCount;

    private IQueryable<Alert> Open(string clinicianUserId) =>
        db.Alerts.Where(a => a.ClinicianUserId == clinicianUserId && a.State != AlertState.Resolved);

    /// <summary>
    /// Open and seen alerts of a clinician (the partial index on ClinicianUserId, RaisedAt serves it). Read once per
    /// request: the count a page already read with its rows (<see cref="OpenPageAsync"/>) is the menu's too.
    /// </summary>
    public async Task<int> OpenCountAsync(string clinicianUserId, CancellationToken ct = default)
    {
        if (_openCount is { } known && known.ClinicianUserId == clinicianUserId) return known.Count;
        var count = await Open(clinicianUserId).CountAsync(ct);
        _openCount = (clinicianUserId, count);
        return count;
    }

    /// <summary>
    /// The open and seen alerts of a clinician, newest first, <paramref name="take"/> from <paramref name="skip"/>, and
    /// how many there are in all: one statement (the count is a subquery the partial index answers).
    /// </summary>
    public async Task<AlertPage> OpenPageAsync(string clinicianUserId, int skip, int take, CancellationToken ct = default)
    {
        var open = Open(clinicianUserId);
        var page = await PageAsync(open.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take), open, ct);
        var rows = page.Rows.OrderByDescending(r => r.RaisedAt).ToList(); // stable: ties keep the statement's order
        var total = rows.Count > 0 || skip == 0 ? page.Total : await OpenCountAsync(clinicianUserId, ct);
        _openCount = (clinicianUserId, total);
        return new AlertPage(rows, total);
    }

    /// <summary>The latest resolved alerts of a clinician, latest first, <paramref name="take"/> from <paramref name="skip"/>, and how many.</summary>
    public async Task<AlertPage> ResolvedPageAsync(string clinicianUserId, int skip, int take, CancellationToken ct = default)
    {
        var resolved = db.Alerts.Where(a => a.ClinicianUserId == clinicianUserId && a.State == AlertState.Resolved);
        var page = await PageAsync(resolved.OrderByDescending(a => a.ResolvedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take), resolved, ct);
        var rows = page.Rows.OrderByDescending(r => r.ResolvedAt).ToList();
        return new AlertPage(rows, rows.Count > 0 || skip == 0 ? page.Total : await resolved.CountAsync(ct));
    }

    // The page's rows with the count of all in the same statement (0 when the page is empty).
    private async Task<AlertPage> PageAsync(IQueryable<Alert> page, IQueryable<Alert> all, CancellationToken ct)
    {
        var rows = await (
                from a in page.AsNoTracking()
                join p in db.Patients on a.PatientId equals p.Id
                join l in db.SessionLogs on a.SessionLogId equals (Guid?)l.Id into logs
                from l in logs.DefaultIfEmpty()
                select new
                {
                    Row = new AlertRow(a.Id, a.Kind, a.State, a.Summary, a.RaisedAt, a.PatientId, p.FirstName + " " + p.LastName,
                        a.SessionLogId, l == null ? null : l.Note, a.SeenByName, a.SeenAt, a.ResolvedByName, a.ResolvedAt, a.ResolutionNote),
                    Total = all.Count(),
                })
            .ToListAsync(ct);
        return new AlertPage(rows.Select(r => r.Row).ToList(), rows.Count == 0 ? 0 : rows[0].Total);
    }

    public async Task<(AlertRow Row, AlertLog? Log)?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var row = await Rows(db.Alerts.Where(a => a.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var log = row.SessionLogId is { } logId
            ? await db.SessionLogs.AsNoTracking().Where(l => l.Id == logId)
                .Select(l => new AlertLog(l.LocalDate, l.Session, l.PainBefore, l.PainAfter, l.Difficulty, l.Source)).FirstOrDefaultAsync(ct)
            : null;
        return (row, log);
    }

    /// <summary>Open → seen, stamped with who and when. Seen or resolved already: nothing changes.</summary>
    public async Task<Outcome> MarkSeenAsync(Guid id, string byName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        _openCount = null;
        var changed = await db.Alerts.Where(a => a.Id == id && a.State == AlertState.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AlertState.Seen).SetProperty(a => a.SeenAt, now).SetProperty(a => a.SeenByName, byName), ct);
        if (changed == 1) return Outcome.Done;
        var state = await db.Alerts.Where(a => a.Id == id).Select(a => (AlertState?)a.State).FirstOrDefaultAsync(ct);
        return state is null ? Outcome.NotFound : state == AlertState.Resolved ? Outcome.AlreadyResolved : Outcome.Done;
    }

    /// <summary>Open or seen → resolved, with an optional note. Resolving twice is refused, nothing changes.</summary>
    public async Task<Outcome> ResolveAsync(Guid id, string byUserId, string byName, string? note, CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxResolutionNote) return Outcome.Invalid;
        var now = clock.GetUtcNow();
        _openCount = null;
        // One statement, conditional on the state: two clinicians resolving at once, one wins, the other is told.
        var changed = await db.Alerts.Where(a => a.Id == id && a.State != AlertState.Resolved)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.State, AlertState.Resolved)
                .SetProperty(a => a.ResolvedAt, now)
                .SetProperty(a => a.ResolvedByUserId, byUserId)
                .SetProperty(a => a.ResolvedByName, byName)
                .SetProperty(a => a.ResolutionNote, note)
                .SetProperty(a => a.SeenAt, a => a.SeenAt ?? now)
                .SetProperty(a => a.SeenByName, a => a.SeenByName ?? byName), ct);
        if (changed == 1) return Outcome.Done;
        return await db.Alerts.AnyAsync(a => a.Id == id, ct) ? Outcome.AlreadyResolved : Outcome.NotFound;
    }

    private IQueryable<AlertRow> Rows(IQueryable<Alert> alerts) =>
        from a in alerts.AsNoTracking()
        join p in db.Patients on a.PatientId equals p.Id
        join l in db.SessionLogs on a.SessionLogId equals (Guid?)l.Id into logs
        from l in logs.DefaultIfEmpty()
        select new AlertRow(a.Id, a.Kind, a.State, a.Summary, a.RaisedAt, a.PatientId, p.FirstName + " " + p.LastName,
            a.SessionLogId, l == null ? null : l.Note, a.SeenByName, a.SeenAt, a.ResolvedByName, a.ResolvedAt, a.ResolutionNote);
}
