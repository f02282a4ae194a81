using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Operations;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// Sends the scheduled emails that are due, exactly once from the recipient's side, across clinics.
/// <list type="number">
/// <item>Claim up to <see cref="ReminderOptions.BatchSize"/> due rows for this sender (<see cref="EmailClaims"/>).</item>
/// <item>Check again (archived, consent, unsubscribed, prescription ended or changed: <see cref="ScheduledEmailContext"/>):
/// such a row is cancelled, not sent. Compose the rest (<see cref="PatientEmails"/>, <see cref="ClinicianDigest"/>).</item>
/// <item>Send over one SMTP connection for the batch, with a Message-ID derived from the row id.</item>
/// <item>Mark Sent (with the SMTP Message-ID) only where the row is still ours and Sending.</item>
/// </list>
/// An SMTP failure puts the row back to Pending with Attempts + 1, the error and an exponential back-off; after
/// <see cref="ReminderOptions.MaxAttempts"/> (or a permanent refusal) it is Failed. The claim is renewed as each
/// email's transaction reaches DATA (<see cref="EmailClaims.DataStarting"/>), which also marks that email as being
/// handed over; a claim not renewed within <see cref="ReminderOptions.ClaimLease"/> belonged to a sender that stopped,
/// and <see cref="EmailClaims.RecoverStaleAsync"/> sends what never reached DATA again by itself
/// (docs/decisions/0011-crash-safe-delivery.md).
/// </summary>
public sealed class EmailSender(AllClinicsDb allClinics, SmtpMailer mailer, TimeProvider clock, IOptions<ReminderOptions> options,
    ILogger<EmailSender>? logger = null, HandoutAttachment? handouts = null, DigestLinks? digestLinks = null)
{
    private readonly PortalDbContext db = allClinics.Db;
    private readonly ILogger _logger = logger ?? NullLogger<EmailSender>.Instance;
    private EmailClaims? _claims;
    private ReminderOptions O => options.Value;
    private EmailClaims Claims => _claims ??= new EmailClaims(db, clock, O, Name);

    /// <summary>Who claims rows: machine, process and this instance (shown to admins on stuck rows).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public sealed record RunResult(int Sent, int Retrying, int Failed, int Cancelled, int Abandoned)
    {
        public static readonly RunResult None = new(0, 0, 0, 0, 0);
        public static readonly RunResult OneSent = new(1, 0, 0, 0, 0);
        public static readonly RunResult OneFailed = new(0, 0, 1, 0, 0);
        public static readonly RunResult OneCancelled = new(0, 0, 0, 1, 0);
        public int Claimed => Sent + Retrying + Failed + Cancelled;

        public RunResult Add(RunResult o) => new(Sent + o.Sent, Retrying + o.Retrying, Failed + o.Failed, Cancelled + o.Cancelled, Abandoned + o.Abandoned);
    }

    /// <summary>The Message-ID of a scheduled email (without angle brackets): the same on every attempt.</summary>
    public static string MessageIdFor(Guid rowId, string fromAddress) => $"{rowId:N}@{SmtpMailer.DomainOf(fromAddress)}";

    /// <summary>Sends everything due now, batch after batch, then returns what it did.</summary>
    public async Task<RunResult> SendDueAsync(CancellationToken ct = default)
    {
        var recovered = await Claims.RecoverStaleAsync(mailer.Options.FromAddress, ct);
        if (recovered.Total > 0)
        {
            _logger.LogWarning("Claims of a stopped sender: {HandedBack} emails that had not started go out again, {Resent} with an unknown outcome are sent once more, {Failed} with an unknown outcome wait for an admin",
                recovered.HandedBack, recovered.ResentOnce, recovered.Failed);
        }
        var total = new RunResult(0, 0, 0, 0, recovered.Total);
        await using var smtp = mailer.OpenBatch();
        for (var i = 0; i < O.MaxBatchesPerRun && !ct.IsCancellationRequested; i++)
        {
            var claimed = await Claims.ClaimAsync(O.BatchSize, ct);
            if (claimed.Count == 0) break;
            total = total.Add(await SendClaimedAsync(claimed, smtp, ct));
            if (claimed.Count < O.BatchSize) break;
        }
        if (total.Claimed + total.Abandoned > 0)
        {
            _logger.LogInformation("Emails: {Sent} sent, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Recovered} claims of a stopped sender recovered ({Sender})",
                total.Sent, total.Retrying, total.Failed, total.Cancelled, total.Abandoned, Name);
        }
        return total;
    }

    private async Task<RunResult> SendClaimedAsync(IReadOnlyList<Guid> ids, SmtpBatch smtp, CancellationToken ct)
    {
        var (prepared, result) = await PrepareAsync(ids, ct);

        // Send over the batch's connection; mark each row the moment its email is accepted.
        string? outage = null; // set when the SMTP server cannot be reached: the rest of the batch waits for the back-off
        for (var i = 0; i < prepared.Count; i++)
        {
            var (row, email) = prepared[i];
            if (ct.IsCancellationRequested)
            {
                // Shutting down: rows not yet tried go back untouched.
                await Claims.ReleaseAsync(prepared.Skip(i).Select(p => p.Row.Id).ToList());
                break;
            }
            if (outage is not null)
            {
                result = result.Add(await RetryLaterAsync(row, outage));
                continue;
            }

            string messageId;
            using var span = PortalTracing.EmailSend(row.Kind);
            try
            {
                // No cancellation token here: a send is never cut in the middle (MailKit's own timeout bounds it).
                messageId = await smtp.SendAsync(email, () => Claims.DataStarting(row.Id), CancellationToken.None);
            }
            catch (SendStoppedException)
            {
                // Another sender recovered this row (our claim had lapsed): it is theirs now; nothing left here.
                _logger.LogWarning("Scheduled email {Id} was not sent: its claim had been taken over (lease too short for this mail server?)", row.Id);
                continue;
            }
            catch (Exception ex) when (SmtpErrors.IsSmtpFailure(ex) || ex is OperationCanceledException)
            {
                span.Failed(ex);
                var error = SmtpErrors.Describe(ex, mailer.Options);
                _logger.LogWarning("Scheduled email {Id} not sent: {Error}", row.Id, error);
                if (SmtpErrors.IsPermanent(ex))
                {
                    await Claims.FailAsync(row.Id, error);
                    PortalMetrics.EmailFailed(row.Kind, "refused");
                    result = result.Add(RunResult.OneFailed);
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
            int marked;
            try
            {
                marked = await Claims.MarkSentAsync(row.Id, messageId);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database went away after the email left: this row stays Sending (reported after the lease, not
                // resent). The rest of the batch was not tried: hand it back if the database still answers.
                _logger.LogError(ex, "Scheduled email {Id} was sent (Message-ID {MessageId}) but could not be marked sent", row.Id, messageId);
                try
                {
                    await Claims.ReleaseAsync(prepared.Skip(i + 1).Select(p => p.Row.Id).ToList());
                }
                catch (Exception again) when (again is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    _logger.LogError(again, "Could not hand back {Count} unsent claimed emails", prepared.Count - i - 1);
                }
                throw;
            }
            if (marked == 0) _logger.LogWarning("Scheduled email {Id} was sent but its claim had been taken away (lease too short?)", row.Id);
            PortalMetrics.EmailSent(row.Kind);
            result = result.Add(RunResult.OneSent);
        }
        return result;
    }

    /// <summary>
    /// Checks and composes every claimed row; their link tokens are saved in one go before any link leaves. Returns
    /// the emails to send, and what became of the rows that will not be sent now.
    /// </summary>
    private async Task<(List<(ScheduledEmail Row, OutgoingEmail Email)> Prepared, RunResult Result)> PrepareAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var rows = await Claims.RowsAsync(ids, ct);
        var contexts = await ScheduledEmailContext.ForBatchAsync(db, rows, ct);
        var tokens = new LinkTokens(db, clock);
        var patientEmails = new PatientEmails(clock, O, handouts);
        var digests = new ClinicianDigest(db, clock, O, digestLinks);
        var alertEmails = new Alerts.AlertEmails(db, O);
        var result = RunResult.None;
        var prepared = new List<(ScheduledEmail Row, OutgoingEmail Email)>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                var context = contexts[row.Id];
                var why = context.WhyNot(row);
                var email = why is not null ? null
                    : row.Kind == EmailKind.ClinicianDigest ? await digests.ComposeAsync(row, context, ct)
                    : row.Kind == EmailKind.ClinicianAlert ? await alertEmails.ComposeAsync(row, context, ct)
                    : await patientEmails.ComposeAsync(row, context, tokens, ct);
                if (email is null)
                {
                    await Claims.CancelAsync(row.Id, why ?? (row.Kind == EmailKind.ClinicianAlert
                        ? "Cancelled: the alert no longer exists."
                        : ClinicianDigest.NothingToReport));
                    result = result.Add(RunResult.OneCancelled);
                    continue;
                }
                prepared.Add((row, Stamped(email, row, context)));
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
        return (prepared, result);
    }

    /// <summary>From the clinic, with the row's own Message-ID, marked as automatic (RFC 3834).</summary>
    private OutgoingEmail Stamped(OutgoingEmail email, ScheduledEmail row, ScheduledEmailContext context)
    {
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" };
        foreach (var (name, value) in email.Headers) headers[name] = value;
        return email with { FromName = context.Clinic!.Name, MessageId = MessageIdFor(row.Id, mailer.Options.FromAddress), Headers = headers };
    }

    private async Task<RunResult> RetryLaterAsync(ScheduledEmail row, string error)
    {
        if (await Claims.RetryLaterAsync(row, error) == EmailState.Failed)
        {
            PortalMetrics.EmailFailed(row.Kind, "attempts");
            return RunResult.OneFailed;
        }
        PortalMetrics.EmailRetried(row.Kind);
        return new RunResult(0, 1, 0, 0, 0);
    }
}
