using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// Turns prescriptions into scheduled-email rows for a rolling window (<see cref="ReminderOptions.LookAhead"/>).
/// Idempotent: rows are written with INSERT ... ON CONFLICT on their unique key, so planning twice never makes two
/// rows. A pending row that no longer fits (schedule changed, patient archived, consent withdrawn, prescription ended) is
/// cancelled; a sent, sending or failed row is never touched. It works across clinics (<see cref="AllClinicsDb"/>).
/// </summary>
public sealed class EmailPlanner(AllClinicsDb allClinics, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<EmailPlanner>? logger = null)
{
    private readonly PortalDbContext db = allClinics.Db;
    private readonly ILogger _logger = logger ?? NullLogger<EmailPlanner>.Instance;
    private ReminderOptions O => options.Value;

    /// <summary>What a planning run did. <see cref="DueNow"/>: a row it wrote is already due (send right away).</summary>
    public sealed record Result(int Written, int Cancelled, bool DueNow)
    {
        public static readonly Result None = new(0, 0, false);

        public Result Add(Result other) => new(Written + other.Written, Cancelled + other.Cancelled, DueNow || other.DueNow);
    }

    /// <summary>Reasons written to the cancelled rows' LastError (shown to admins).</summary>
    public static class Reasons
    {
        public const string Archived = "Cancelled: the patient is archived.";
        public const string NoConsent = "Cancelled: the patient does not want emails (consent withdrawn or unsubscribed).";
        public const string NoAddress = "Cancelled: the patient has no email address.";
        public const string Ended = "Cancelled: the prescription has ended.";
        public const string Replanned = "Cancelled: no longer fits the schedule (prescription or reminder time changed).";
        public const string Superseded = "Cancelled: a newer version of the prescription was saved.";
    }

    private static readonly EmailKind[] ScheduleKinds = [EmailKind.Reminder, EmailKind.CheckIn, EmailKind.Nudge, EmailKind.Questionnaire];

    /// <summary>
    /// Re-plans one prescription: after a save (<paramref name="announceVersion"/> = the version just saved, which gets
    /// its new-prescription email now) or after any change.
    /// </summary>
    public Task<Result> PlanPrescriptionAsync(Guid prescriptionId, int? announceVersion = null, CancellationToken ct = default) =>
        PlanAsync(Prescriptions().Where(p => p.Id == prescriptionId), announceVersion is null ? null : prescriptionId, announceVersion, ct);

    /// <summary>Re-plans everything of one patient (reminder time, time zone, consent or archive changed).</summary>
    public async Task<Result> PlanPatientAsync(Guid patientId, CancellationToken ct = default)
    {
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == patientId).Select(p => new { p.EmailConsent, p.ArchivedAt, p.Email }).FirstOrDefaultAsync(ct);
        if (patient is null) return Result.None;
        var reason = WhyNot(patient.ArchivedAt, patient.EmailConsent, patient.Email);
        var result = Result.None;
        if (reason is not null)
        {
            result = result.Add(new Result(0, await CancelPendingForPatientAsync(patientId, reason, ct), false));
        }
        return result.Add(await PlanAsync(Prescriptions().Where(p => p.PatientId == patientId), null, null, ct));
    }

    /// <summary>
    /// The recurring top-up: fills the window for every active prescription, cancels what no longer fits (also for
    /// changes made by pages that do not tell the planner), and plans the clinicians' Monday digests.
    /// </summary>
    public async Task<Result> TopUpAsync(CancellationToken ct = default)
    {
        var result = await PlanAsync(Prescriptions(), null, null, ct);
        return result.Add(await PlanDigestsAsync(ct));
    }

    /// <summary>Cancels every pending email of a patient (unsubscribe, consent withdrawn, archived).</summary>
    public Task<int> CancelPendingForPatientAsync(Guid patientId, string reason, CancellationToken ct = default) =>
        db.ScheduledEmails
            .Where(e => e.PatientId == patientId && e.State == EmailState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, reason), ct);

    /// <summary>Why a patient gets no email, or null when they may.</summary>
    public static string? WhyNot(DateTimeOffset? archivedAt, bool consent, string? email) =>
        archivedAt is not null ? Reasons.Archived
        : !consent ? Reasons.NoConsent
        : string.IsNullOrWhiteSpace(email) ? Reasons.NoAddress
        : null;

    /// <summary>
    /// The reminder time: the patient's own choice (they change it in their settings, and the builder starts from
    /// it); the prescription's time only when the patient record has none (midnight, the unset value).
    /// </summary>
    public static TimeOnly ReminderTimeFor(TimeOnly patientTime, TimeOnly prescriptionTime) =>
        patientTime != default ? patientTime : prescriptionTime;

    /// <summary>Active prescriptions, and ended ones that still have pending rows (so those get cancelled).</summary>
    private IQueryable<Prescription> Prescriptions() =>
        db.Prescriptions.Where(p => p.Status == PrescriptionStatus.Active
            || db.ScheduledEmails.Any(e => e.PrescriptionId == p.Id && e.State == EmailState.Pending));

    private async Task<Result> PlanAsync(IQueryable<Prescription> which, Guid? announceId, int? announceVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var rows = await which.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.ClinicId,
                p.PatientId,
                p.Status,
                p.CurrentVersionNumber,
                p.Patient!.TimeZoneId,
                PatientTime = p.Patient.ReminderTime,
                p.Patient.EmailConsent,
                p.Patient.ArchivedAt,
                p.Patient.Email,
                Version = p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new { v.Days, v.SessionsPerDay, v.StartDate, v.Weeks, v.ReminderTime, v.CreatedAt }).FirstOrDefault(),
                LastLog = db.SessionLogs.Where(l => l.PrescriptionId == p.Id).Max(l => (DateOnly?)l.LocalDate),
            })
            .ToListAsync(ct);

        var result = Result.None;
        foreach (var p in rows)
        {
            var reason = p.Status != PrescriptionStatus.Active ? Reasons.Ended : WhyNot(p.ArchivedAt, p.EmailConsent, p.Email);
            if (reason is not null || p.Version is null)
            {
                var cancelled = await db.ScheduledEmails
                    .Where(e => e.PrescriptionId == p.Id && e.State == EmailState.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, reason ?? Reasons.Ended), ct);
                result = result.Add(new Result(0, cancelled, false));
                continue;
            }

            var v = p.Version;
            var announce = announceId == p.Id && announceVersion is not null;
            var input = new PrescriptionPlanInput(p.Id, announce ? announceVersion!.Value : p.CurrentVersionNumber, p.TimeZoneId,
                ReminderTimeFor(p.PatientTime, v.ReminderTime),
                PatientSchedule.Of(v.Days, v.SessionsPerDay, v.StartDate, v.Weeks),
                p.LastLog, announce)
            {
                TrackedSince = EmailSchedule.LocalDate(v.CreatedAt, EmailSchedule.Zone(p.TimeZoneId)),
            };
            var planned = EmailSchedule.ForPrescription(input, now, O.LookAhead, O.NudgeAfterMissedDays);

            var written = 0;
            foreach (var e in planned)
            {
                written += await UpsertAsync(p.ClinicId, e, p.PatientId, p.Id, null, now, ct);
            }

            // Future pending rows of this prescription that the plan no longer has: the schedule changed.
            var keep = planned.Select(e => e.UniqueKey).ToList();
            var cancelledRows = await db.ScheduledEmails
                .Where(e => e.PrescriptionId == p.Id && e.State == EmailState.Pending && e.DueAt > now
                            && ScheduleKinds.Contains(e.Kind) && !keep.Contains(e.UniqueKey))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, Reasons.Replanned), ct);
            if (announce)
            {
                // The announcement of an older version that has not gone yet: the new one replaces it.
                cancelledRows += await db.ScheduledEmails
                    .Where(e => e.PrescriptionId == p.Id && e.State == EmailState.Pending && e.Kind == EmailKind.NewPrescription && !keep.Contains(e.UniqueKey))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, Reasons.Superseded), ct);
            }
            result = result.Add(new Result(written, cancelledRows, planned.Any(e => e.DueAt <= now)));
        }
        if (result.Written + result.Cancelled > 0)
        {
            _logger.LogInformation("Email planning: {Written} rows written, {Cancelled} cancelled ({Prescriptions} prescriptions)",
                result.Written, result.Cancelled, rows.Count);
        }
        return result;
    }

    /// <summary>The Monday digests of every clinician with an active prescription, in their clinic's time zone.</summary>
    private async Task<Result> PlanDigestsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var clinicians = await db.Prescriptions.AsNoTracking()
            .Where(p => p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null && p.ClinicianUserId != "")
            .Select(p => new { p.ClinicianUserId, p.ClinicId })
            .Distinct()
            .Join(db.Clinics, x => x.ClinicId, c => c.Id, (x, c) => new { x.ClinicianUserId, x.ClinicId, c.TimeZoneId })
            .ToListAsync(ct);
        var written = 0;
        foreach (var c in clinicians)
        {
            foreach (var e in EmailSchedule.ForClinician(c.ClinicianUserId, c.TimeZoneId, now, O.LookAhead))
            {
                written += await UpsertAsync(c.ClinicId, e, null, null, c.ClinicianUserId, now, ct);
            }
        }
        return new Result(written, 0, false);
    }

    /// <summary>
    /// Inserts the row, or moves a pending future one to its new due time, or revives a cancelled one whose time is
    /// still ahead. Rows that are due, sending, sent or failed are left alone. Returns 1 when it wrote.
    /// </summary>
    private Task<int> UpsertAsync(Guid clinicId, PlannedEmail e, Guid? patientId, Guid? prescriptionId, string? clinicianUserId,
        DateTimeOffset now, CancellationToken ct)
    {
        var kind = e.Kind.ToString();
        var due = e.DueAt.ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ScheduledEmails" ("Id", "ClinicId", "Kind", "PatientId", "PrescriptionId", "ClinicianUserId", "LocalDate",
                                           "UniqueKey", "DueAt", "State", "Attempts", "CreatedAt")
            VALUES ({Guid.NewGuid()}, {clinicId}, {kind}, {patientId}, {prescriptionId}, {clinicianUserId}, {e.LocalDate},
                    {e.UniqueKey}, {due}, 'Pending', 0, {now})
            ON CONFLICT ("UniqueKey") DO UPDATE
               SET "DueAt" = EXCLUDED."DueAt", "LocalDate" = EXCLUDED."LocalDate", "State" = 'Pending', "Attempts" = 0,
                   "NextAttemptAt" = NULL, "LastError" = NULL, "ClaimedAt" = NULL, "ClaimedBy" = NULL
             WHERE EXCLUDED."DueAt" > {now}
               AND (("ScheduledEmails"."State" = 'Pending' AND "ScheduledEmails"."DueAt" > {now} AND "ScheduledEmails"."DueAt" <> EXCLUDED."DueAt")
                    OR "ScheduledEmails"."State" = 'Cancelled')
            """, ct);
    }
}
