using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// Sends the scheduled emails that are due, exactly once from the recipient's side.
/// <list type="number">
/// <item>Claim: one UPDATE moves up to <see cref="ReminderOptions.BatchSize"/> due pending rows to Sending, stamped with
/// this sender's name, choosing them with <c>FOR UPDATE SKIP LOCKED</c>; two senders (two jobs, two portal instances)
/// never get the same row.</item>
/// <item>Check again (archived, consent, unsubscribed, prescription ended or changed): such a row is cancelled, not sent.</item>
/// <item>Send over one SMTP connection for the batch, with a Message-ID derived from the row id.</item>
/// <item>Mark Sent (with the SMTP Message-ID) only where the row is still ours and Sending.</item>
/// </list>
/// An SMTP failure puts the row back to Pending with Attempts + 1, the error and an exponential back-off; after
/// <see cref="ReminderOptions.MaxAttempts"/> (or a permanent refusal) it is Failed. A row left in Sending longer than
/// <see cref="ReminderOptions.ClaimLease"/> belonged to a sender that died between claiming and marking: whether it
/// went out is unknown, so it is never resent automatically but marked Failed "outcome unknown" for an admin.
/// </summary>
public sealed class EmailSender(AllClinicsDb allClinics, SmtpMailer mailer, TimeProvider clock, IOptions<ReminderOptions> options,
    ILogger<EmailSender>? logger = null, HandoutAttachment? handouts = null)
{
    private readonly PortalDbContext db = allClinics.Db;
    private readonly ILogger _logger = logger ?? NullLogger<EmailSender>.Instance;
    private ReminderOptions O => options.Value;

    /// <summary>Who claims rows: machine, process and this instance (shown to admins on stuck rows).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public sealed record RunResult(int Sent, int Retrying, int Failed, int Cancelled, int Abandoned)
    {
        public static readonly RunResult None = new(0, 0, 0, 0, 0);
        public int Claimed => Sent + Retrying + Failed + Cancelled;

        public RunResult Add(RunResult o) => new(Sent + o.Sent, Retrying + o.Retrying, Failed + o.Failed, Cancelled + o.Cancelled, Abandoned + o.Abandoned);
    }

    /// <summary>The Message-ID of a scheduled email (without angle brackets): the same on every attempt.</summary>
    public static string MessageIdFor(Guid rowId, string fromAddress) => $"{rowId:N}@{SmtpMailer.DomainOf(fromAddress)}";

    /// <summary>Sends everything due now, batch after batch, then returns what it did.</summary>
    public async Task<RunResult> SendDueAsync(CancellationToken ct = default)
    {
        var total = new RunResult(0, 0, 0, 0, await AbandonStaleClaimsAsync(ct));
        await using var smtp = mailer.OpenBatch();
        for (var i = 0; i < O.MaxBatchesPerRun && !ct.IsCancellationRequested; i++)
        {
            var claimed = await ClaimAsync(O.BatchSize, ct);
            if (claimed.Count == 0) break;
            total = total.Add(await SendClaimedAsync(claimed, smtp, ct));
            if (claimed.Count < O.BatchSize) break;
        }
        if (total.Claimed + total.Abandoned > 0)
        {
            _logger.LogInformation("Emails: {Sent} sent, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Abandoned} stuck marked failed ({Sender})",
                total.Sent, total.Retrying, total.Failed, total.Cancelled, total.Abandoned, Name);
        }
        return total;
    }

    /// <summary>Atomically moves up to <paramref name="max"/> due pending rows to Sending for this sender.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(int max, CancellationToken ct = default)
    {
        const string sql = """
            UPDATE "ScheduledEmails" SET "State" = 'Sending', "ClaimedAt" = @now, "ClaimedBy" = @me
            WHERE "Id" IN (
                SELECT "Id" FROM "ScheduledEmails"
                WHERE "State" = 'Pending' AND "DueAt" <= @now AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @now)
                ORDER BY "DueAt"
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
              AND "State" = 'Pending'
            RETURNING "Id"
            """;
        var ids = new List<Guid>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow().ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("me", NpgsqlDbType.Varchar) { Value = Name });
            command.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = max });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
        return ids;
    }

    /// <summary>
    /// Rows claimed longer ago than the lease: their sender died (or lost the database) after claiming. The email may or
    /// may not have gone, so it is not sent again: the row is Failed "outcome unknown" for an admin to check.
    /// </summary>
    public async Task<int> AbandonStaleClaimsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var cutoff = now - O.ClaimLease;
        var stale = await db.ScheduledEmails.AsNoTracking()
            .Where(e => e.State == EmailState.Sending && e.ClaimedAt < cutoff)
            .Select(e => new { e.Id, e.ClaimedBy, e.ClaimedAt })
            .ToListAsync(ct);
        var count = 0;
        foreach (var row in stale)
        {
            var messageId = MessageIdFor(row.Id, mailer.Options.FromAddress);
            var error = $"Outcome unknown: the sender {row.ClaimedBy} claimed this email at {row.ClaimedAt:u} and stopped before recording the result. " +
                        $"It is not sent again automatically. Look for Message-ID <{messageId}> in the mail server's log; if it never left, press Send again.";
            count += await db.ScheduledEmails
                .Where(e => e.Id == row.Id && e.State == EmailState.Sending && e.ClaimedBy == row.ClaimedBy)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Failed)
                    .SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.MessageId, messageId), ct);
        }
        if (count > 0) _logger.LogWarning("{Count} scheduled emails were stuck in Sending past the lease and are marked failed (outcome unknown)", count);
        return count;
    }

    private async Task<RunResult> SendClaimedAsync(IReadOnlyList<Guid> ids, SmtpBatch smtp, CancellationToken ct)
    {
        var rows = await db.ScheduledEmails.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.State == EmailState.Sending && e.ClaimedBy == Name)
            .OrderBy(e => e.DueAt)
            .ToListAsync(ct);
        var contexts = await LoadContextsAsync(rows, ct);
        var result = RunResult.None;
        var tokens = new LinkTokens(db, clock);

        // 1. Check and compose every row of the batch; its link tokens are saved in one go before any link leaves.
        var prepared = new List<(ScheduledEmail Row, OutgoingEmail Email)>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                var context = contexts[row.Id];
                var why = context.WhyNot(row);
                if (why is not null)
                {
                    await MarkAsync(row.Id, EmailState.Cancelled, why);
                    result = result.Add(new RunResult(0, 0, 0, 1, 0));
                    continue;
                }
                var email = await ComposeAsync(row, context, tokens, ct);
                if (email is null)
                {
                    await MarkAsync(row.Id, EmailState.Cancelled, "Cancelled: nothing to report this week (no patient under 50 %).");
                    result = result.Add(new RunResult(0, 0, 0, 1, 0));
                    continue;
                }
                prepared.Add((row, email));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug or bad data: the email was not sent, so it may be tried again (and fails visibly in the end).
                _logger.LogError(ex, "Could not prepare scheduled email {Id}", row.Id);
                result = result.Add(await RetryLaterAsync(row, $"Could not prepare the email: {ex.Message}"));
            }
        }
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            _logger.LogError(ex, "Could not save the link tokens of a batch of {Count} emails", prepared.Count);
            foreach (var (row, _) in prepared) result = result.Add(await RetryLaterAsync(row, $"Could not prepare the email: {ex.Message}"));
            prepared.Clear();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        // 2. Send over the batch's connection; mark each row the moment its email is accepted.
        string? outage = null; // set when the SMTP server cannot be reached: the rest of the batch waits for the back-off
        for (var i = 0; i < prepared.Count; i++)
        {
            var (row, email) = prepared[i];
            if (ct.IsCancellationRequested)
            {
                // Shutting down: rows not yet tried go back untouched.
                await ReleaseAsync(prepared.Skip(i).Select(p => p.Row.Id).ToList());
                break;
            }
            if (outage is not null)
            {
                result = result.Add(await RetryLaterAsync(row, outage));
                continue;
            }

            string messageId;
            try
            {
                // No cancellation token here: a send is never cut in the middle (MailKit's own timeout bounds it).
                messageId = await smtp.SendAsync(email, CancellationToken.None);
            }
            catch (Exception ex) when (SmtpErrors.IsSmtpFailure(ex) || ex is OperationCanceledException)
            {
                var error = SmtpErrors.Describe(ex, mailer.Options);
                _logger.LogWarning("Scheduled email {Id} not sent: {Error}", row.Id, error);
                if (SmtpErrors.IsPermanent(ex))
                {
                    await MarkAsync(row.Id, EmailState.Failed, error, attempted: true);
                    result = result.Add(new RunResult(0, 0, 1, 0, 0));
                    continue;
                }
                if (ex is not MailKit.Net.Smtp.SmtpCommandException)
                {
                    // The connection is gone or the server is unreachable: the rest of the batch waits as well.
                    outage = error;
                    await smtp.ResetAsync();
                }
                result = result.Add(await RetryLaterAsync(row, error));
                continue;
            }

            // Sent. Record it; if this fails the row stays Sending and is reported after the lease, never resent.
            var sentAt = clock.GetUtcNow().ToUniversalTime();
            int marked;
            try
            {
                marked = await db.Database.ExecuteSqlAsync($"""
                    UPDATE "ScheduledEmails"
                       SET "State" = 'Sent', "SentAt" = {sentAt}, "MessageId" = {messageId}, "Attempts" = "Attempts" + 1,
                           "LastError" = NULL, "NextAttemptAt" = NULL
                     WHERE "Id" = {row.Id} AND "State" = 'Sending' AND "ClaimedBy" = {Name}
                    """, CancellationToken.None);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database went away after the email left: this row stays Sending (reported after the lease, not
                // resent). The rest of the batch was not tried: hand it back if the database still answers.
                _logger.LogError(ex, "Scheduled email {Id} was sent (Message-ID {MessageId}) but could not be marked sent", row.Id, messageId);
                try
                {
                    await ReleaseAsync(prepared.Skip(i + 1).Select(p => p.Row.Id).ToList());
                }
                catch (Exception again) when (again is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    _logger.LogError(again, "Could not hand back {Count} unsent claimed emails", prepared.Count - i - 1);
                }
                throw;
            }
            if (marked == 0) _logger.LogWarning("Scheduled email {Id} was sent but its claim had been taken away (lease too short?)", row.Id);
            result = result.Add(new RunResult(1, 0, 0, 0, 0));
        }
        return result;
    }

    /// <summary>Back to Pending with Attempts + 1 and a back-off, or Failed after the last attempt.</summary>
    private async Task<RunResult> RetryLaterAsync(ScheduledEmail row, string error)
    {
        var attempts = row.Attempts + 1;
        if (attempts >= O.MaxAttempts)
        {
            await MarkAsync(row.Id, EmailState.Failed, $"Gave up after {attempts} attempts. Last error: {error}", attempted: true);
            return new RunResult(0, 0, 1, 0, 0);
        }
        var next = clock.GetUtcNow().ToUniversalTime() + O.RetryDelay(attempts);
        await db.ScheduledEmails
            .Where(e => e.Id == row.Id && e.State == EmailState.Sending && e.ClaimedBy == Name)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, Trim(error))
                .SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None);
        return new RunResult(0, 1, 0, 0, 0);
    }

    private Task<int> MarkAsync(Guid id, EmailState state, string error, bool attempted = false) =>
        db.ScheduledEmails
            .Where(e => e.Id == id && e.State == EmailState.Sending && e.ClaimedBy == Name)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, state)
                .SetProperty(e => e.LastError, Trim(error))
                .SetProperty(e => e.Attempts, e => e.Attempts + (attempted ? 1 : 0)), CancellationToken.None);

    private Task<int> ReleaseAsync(IReadOnlyList<Guid> ids) =>
        db.ScheduledEmails
            .Where(e => ids.Contains(e.Id) && e.State == EmailState.Sending && e.ClaimedBy == Name)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None);

    private static string Trim(string s) => s.Length > 1990 ? s[..1990] : s;

    /// <summary>Everything the batch's emails need, in a few queries whatever the batch size.</summary>
    private async Task<Dictionary<Guid, ScheduledEmailContext>> LoadContextsAsync(IReadOnlyList<ScheduledEmail> rows, CancellationToken ct)
    {
        var patientIds = rows.Where(r => r.PatientId is not null).Select(r => r.PatientId!.Value).Distinct().ToList();
        var prescriptionIds = rows.Where(r => r.PrescriptionId is not null).Select(r => r.PrescriptionId!.Value).Distinct().ToList();
        var clinicIds = rows.Select(r => r.ClinicId).Distinct().ToList();
        var userIds = rows.Where(r => r.ClinicianUserId is not null).Select(r => r.ClinicianUserId!).Distinct().ToList();

        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => (u.Email, u.DisplayName), ct);
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => prescriptionIds.Contains(p.Id))
            .Select(p => new ScheduledEmailContext.PrescriptionInfo(p.Id, p.PatientId, p.Status, p.ClinicianName,
                p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new ScheduledEmailContext.VersionInfo(v.Id, v.Number, v.Title, v.Days, v.SessionsPerDay, v.ReminderTime, v.StartDate, v.Weeks,
                        v.NoteToPatient, v.Exercises.Count))
                    .FirstOrDefault()))
            .ToDictionaryAsync(p => p.Id, ct);

        return rows.ToDictionary(r => r.Id, r => new ScheduledEmailContext(
            r,
            clinics.GetValueOrDefault(r.ClinicId),
            r.PatientId is { } pid ? patients.GetValueOrDefault(pid) : null,
            r.PrescriptionId is { } rid ? prescriptions.GetValueOrDefault(rid) : null,
            r.ClinicianUserId is { } uid && users.TryGetValue(uid, out var u) ? u : null));
    }

    private async Task<OutgoingEmail?> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, LinkTokens tokens, CancellationToken ct)
    {
        var clinic = c.Clinic!;
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" };
        var messageId = MessageIdFor(row.Id, mailer.Options.FromAddress);

        if (row.Kind == EmailKind.ClinicianDigest)
        {
            var digest = await DigestAsync(row, c, ct);
            if (digest is null) return null;
            var composed = EmailComposer.Digest(digest);
            return new OutgoingEmail(c.Clinician!.Value.Email!, c.Clinician.Value.DisplayName, composed.Subject, composed.Text, composed.Html)
            {
                FromName = clinic.Name,
                MessageId = messageId,
                Headers = headers,
            };
        }

        var patient = c.Patient!;
        var rx = c.Prescription!;
        var v = rx.Version!;
        var unsubscribe = O.PortalUrl("unsubscribe/" + tokens.Issue(TokenPurpose.Unsubscribe, patient.ClinicId, patient.Id, O.UnsubscribeLinkLifetime));
        var schedule = new PatientSchedule(v.Days, v.SessionsPerDay, v.StartDate, v.StartDate.AddDays(v.Weeks * 7 - 1));
        var day = row.LocalDate ?? EmailSchedule.LocalDate(clock.GetUtcNow(), EmailSchedule.Zone(patient.TimeZoneId));
        string? oneTap = null;
        if (row.Kind is EmailKind.Reminder or EmailKind.Nudge && schedule.IsScheduled(day))
        {
            oneTap = O.PortalUrl("log/" + tokens.Issue(TokenPurpose.OneTapLog, patient.ClinicId, patient.Id, O.OneTapLinkLifetime, rx.Id, day));
        }
        EmailAttachment? attachment = null;
        if (row.Kind == EmailKind.NewPrescription && handouts is not null)
        {
            attachment = await handouts.ForAsync(rx.Id, v.Number, O.PublicUrl, ct);
        }
        var model = new PatientEmailModel
        {
            ClinicName = clinic.Name,
            ClinicPhone = string.IsNullOrWhiteSpace(clinic.Phone) ? null : clinic.Phone,
            FirstName = patient.FirstName,
            RoutineTitle = v.Title,
            ClinicianName = string.IsNullOrWhiteSpace(rx.ClinicianName) ? clinic.Name : rx.ClinicianName,
            VersionNumber = v.Number,
            ExerciseCount = v.ExerciseCount,
            DaysText = v.Days.Text(),
            SessionsPerDay = v.SessionsPerDay,
            StartDate = v.StartDate,
            EndDate = schedule.EndDate,
            NoteToPatient = v.NoteToPatient,
            LocalDate = day,
            PortalUrl = O.PortalUrl("me"),
            LogUrl = O.PortalUrl("me/log"),
            HandoutUrl = O.PortalUrl("me/handout.pdf"),
            UnsubscribeUrl = unsubscribe,
            OneTapLogUrl = oneTap,
            HandoutAttached = attachment is not null,
        };
        var email = row.Kind switch
        {
            EmailKind.NewPrescription => EmailComposer.NewPrescription(model),
            EmailKind.Reminder => EmailComposer.Reminder(model),
            EmailKind.CheckIn => EmailComposer.CheckIn(model),
            EmailKind.Nudge => EmailComposer.Nudge(model),
            _ => throw new InvalidOperationException($"No email is composed for kind {row.Kind}."),
        };
        // RFC 2369 / RFC 8058: mail programs show an unsubscribe button that POSTs "List-Unsubscribe=One-Click".
        headers["List-Unsubscribe"] = $"<{unsubscribe}>";
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        return new OutgoingEmail(patient.Email!, patient.FullName, email.Subject, email.Text, email.Html)
        {
            FromName = clinic.Name,
            MessageId = messageId,
            Headers = headers,
            Attachments = attachment is null ? [] : [attachment],
        };
    }

    /// <summary>The clinician's patients under 50 % over the 7 days before the digest's day, each in their own time zone.</summary>
    private async Task<DigestModel?> DigestAsync(ScheduledEmail row, ScheduledEmailContext c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var active = await db.Prescriptions.AsNoTracking()
            .Where(p => p.ClinicId == row.ClinicId && p.ClinicianUserId == row.ClinicianUserId && p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null)
            .Select(p => new
            {
                p.Id,
                p.PatientId,
                Name = p.Patient!.FirstName + " " + p.Patient.LastName,
                p.Patient.TimeZoneId,
                Version = p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new { v.Title, v.Days, v.SessionsPerDay, v.StartDate, v.Weeks }).First(),
            })
            .ToListAsync(ct);
        if (active.Count == 0) return null;
        var ids = active.Select(a => a.Id).ToList();
        var earliest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-9);
        var logs = (await db.SessionLogs.AsNoTracking()
                .Where(l => ids.Contains(l.PrescriptionId) && l.LocalDate >= earliest)
                .Select(l => new { l.PrescriptionId, l.LocalDate, l.Session, l.PainBefore, l.PainAfter })
                .ToListAsync(ct))
            .ToLookup(l => l.PrescriptionId, l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter));
        var rows = new List<DigestRow>();
        foreach (var a in active)
        {
            var v = a.Version;
            var schedule = new PatientSchedule(v.Days, v.SessionsPerDay, v.StartDate, v.StartDate.AddDays(v.Weeks * 7 - 1));
            // The 7 days up to yesterday: today has only begun.
            var yesterday = PatientSchedule.LocalToday(a.TimeZoneId, now).AddDays(-1);
            var week = AdherenceCalculator.Over(schedule, logs[a.Id], yesterday, 7);
            if (week.Ratio is < 0.5)
                rows.Add(new DigestRow(a.Name, v.Title, week, O.PortalUrl($"clinic/patients/{a.PatientId}")));
        }
        if (rows.Count == 0) return null;
        rows.Sort((x, y) => (x.Week.Ratio ?? 0).CompareTo(y.Week.Ratio ?? 0) is var byRatio && byRatio != 0
            ? byRatio : string.Compare(x.PatientName, y.PatientName, StringComparison.CurrentCulture));
        return new DigestModel(c.Clinic!.Name, c.Clinician!.Value.DisplayName, row.LocalDate ?? DateOnly.FromDateTime(now.UtcDateTime), rows, O.PortalUrl("clinic"));
    }
}

/// <summary>What the sender knows about a claimed row's recipient, and whether it may still be sent.</summary>
public sealed record ScheduledEmailContext(
    ScheduledEmail Row,
    Clinics.Clinic? Clinic,
    Patients.Patient? Patient,
    ScheduledEmailContext.PrescriptionInfo? Prescription,
    (string? Email, string DisplayName)? Clinician)
{
    public sealed record PrescriptionInfo(Guid Id, Guid PatientId, PrescriptionStatus Status, string ClinicianName, VersionInfo? Version);

    public sealed record VersionInfo(Guid Id, int Number, string Title, DaysOfWeek Days, int SessionsPerDay, TimeOnly ReminderTime,
        DateOnly StartDate, int Weeks, string? NoteToPatient, int ExerciseCount);

    /// <summary>Why this row must not be sent now (it is cancelled with this reason), or null to send it.</summary>
    public string? WhyNot(ScheduledEmail row)
    {
        if (Clinic is null) return "Cancelled: the clinic no longer exists.";
        if (row.Kind == EmailKind.ClinicianDigest)
            return Clinician is { Email: { Length: > 0 } } ? null : "Cancelled: the clinician has no account or email address any more.";
        if (Patient is null) return "Cancelled: the patient no longer exists.";
        if (EmailPlanner.WhyNot(Patient.ArchivedAt, Patient.EmailConsent, Patient.Email) is { } reason) return reason;
        if (Prescription is null || Prescription.PatientId != Patient.Id || Prescription.Version is null) return "Cancelled: the prescription no longer exists.";
        if (Prescription.Status != PrescriptionStatus.Active) return EmailPlanner.Reasons.Ended;
        var v = Prescription.Version;
        var schedule = new PatientSchedule(v.Days, v.SessionsPerDay, v.StartDate, v.StartDate.AddDays(v.Weeks * 7 - 1));
        if (row.Kind == EmailKind.Reminder && (row.LocalDate is not { } day || !schedule.IsScheduled(day))) return EmailPlanner.Reasons.Replanned;
        return null;
    }
}
