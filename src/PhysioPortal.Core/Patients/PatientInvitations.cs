using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Patients;

/// <summary>
/// Invites a patient to the portal: an email with a link that expires, where they choose a password. Sending again
/// replaces the old link. The account is tied to exactly one patient record.
/// </summary>
public sealed class PatientInvitations(PortalDbContext db, PortalContexts contexts, LinkTokens tokens, SmtpMailer mailer, UserManager<PortalUser> users,
    TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    public sealed record Result(bool Sent, string Message);

    public async Task<Result> InviteAsync(Guid patientId, string publicUrl, CancellationToken ct = default)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return new(false, "Patient not found.");
        if (patient.IsArchived) return new(false, "This patient is archived. Restore the patient before inviting.");
        if (string.IsNullOrWhiteSpace(patient.Email)) return new(false, "Add an email address to the patient's details first.");
        var clinicName = await db.Clinics.Where(c => c.Id == patient.ClinicId).Select(c => c.Name).SingleAsync(ct);
        var sentMessage = $"Invitation sent to {patient.Email}. The link works for 7 days.";
        var other = await users.FindByEmailAsync(patient.Email);
        if (other is not null && other.PatientId != patient.Id)
        {
            // Someone in this clinic: its staff may know. Someone in another clinic: the same answer as a sent invitation
            // (the clinician must not learn who has an account elsewhere); the inbox's owner is told instead.
            if (other.ClinicId == patient.ClinicId)
                return new(false, "Another account of this clinic already uses this email address. Use a different address for this patient.");
            return await SendAddressTakenAsync(patient, clinicName, ct) ?? new(true, sentMessage);
        }

        await tokens.RevokeAsync(patient.Id, TokenPurpose.Invitation, ct);
        var token = tokens.Issue(TokenPurpose.Invitation, patient.ClinicId, patient.Id, LinkLifetime);
        await db.SaveChangesAsync(ct);

        var link = $"{publicUrl.TrimEnd('/')}/invite/{token}";
        var expires = DateOnly.FromDateTime(clock.GetUtcNow().Add(LinkLifetime).UtcDateTime);
        var email = EmailComposer.Invitation(clinicName, patient.FirstName, link, expires);
        var failed = await TrySendAsync(patient, new OutgoingEmail(patient.Email, patient.FullName, email.Subject, email.Text, email.Html) { FromName = clinicName }, ct);
        if (failed is not null)
        {
            await tokens.RevokeAsync(patient.Id, TokenPurpose.Invitation, ct);
            return failed;
        }
        return new(true, sentMessage);
    }

    /// <summary>Tells the inbox's owner that the address already has an account with another clinic; null when sent.</summary>
    private Task<Result?> SendAddressTakenAsync(Patient patient, string clinicName, CancellationToken ct)
    {
        var email = EmailComposer.AddressTaken(clinicName, patient.FirstName);
        return TrySendAsync(patient, new OutgoingEmail(patient.Email!, patient.FullName, email.Subject, email.Text, email.Html) { FromName = clinicName }, ct);
    }

    /// <summary>
    /// Sends one email and records it; a refusal or outage becomes a message for the clinician (never an exception) and
    /// a cancelled row.
    /// </summary>
    private async Task<Result?> TrySendAsync(Patient patient, OutgoingEmail email, CancellationToken ct)
    {
        try
        {
            var messageId = await mailer.SendAsync(email, ct);
            await RecordAsync(patient, EmailState.Sent, messageId, null, ct);
            return null;
        }
        catch (Exception ex) when (SmtpErrors.IsSmtpFailure(ex))
        {
            await RecordAsync(patient, EmailState.Cancelled, null,
                "Not sent: " + SmtpErrors.Describe(ex, mailer.Options) + " The clinician was asked to send it again.", ct);
            if (ex is UnsendableEmailException)
                return new(false, ex.Message.Replace("Correct it and send again.", "Correct the patient's details and send again.", StringComparison.Ordinal));
            return new(false, "The email could not be sent just now. Please try again in a few minutes.");
        }
    }

    /// <summary>
    /// An invitation is sent at once (the clinician waits for the answer), and recorded as a row like every other email,
    /// so the admin's list of emails shows it. A failed one is recorded as cancelled: its link was revoked, and only a
    /// new invitation (with a new link) can replace it.
    /// </summary>
    private async Task RecordAsync(Patient patient, EmailState state, string? messageId, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        db.ScheduledEmails.Add(new ScheduledEmail
        {
            Id = Guid.NewGuid(),
            ClinicId = patient.ClinicId,
            Kind = EmailKind.Invitation,
            PatientId = patient.Id,
            UniqueKey = $"invitation:{patient.Id}:{Guid.NewGuid():N}",
            DueAt = now,
            State = state,
            Attempts = 1,
            SentAt = state == EmailState.Sent ? now : null,
            MessageId = messageId,
            LastError = error,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the password from an invitation link: creates the patient's account (or resets it) and uses up the link.</summary>
    public async Task<(PortalUser? User, IReadOnlyList<string> Errors)> AcceptAsync(string token, string password, CancellationToken ct = default)
    {
        var link = await tokens.FindAsync(token, TokenPurpose.Invitation, ct);
        if (link is null) return (null, ["This invitation link is not valid any more. Ask your clinic to send a new one."]);
        // The link is opened without a signed-in user: read the patient in the token's clinic.
        Patient? patient;
        await using (var clinicDb = contexts.ForClinic(link.ClinicId))
        {
            patient = await clinicDb.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == link.PatientId, ct);
        }
        if (patient is null || patient.IsArchived || string.IsNullOrWhiteSpace(patient.Email))
            return (null, ["This invitation link is not valid any more. Ask your clinic to send a new one."]);

        var user = await db.Users.FirstOrDefaultAsync(u => u.PatientId == patient.Id, ct);
        IdentityResult result;
        if (user is null)
        {
            user = new PortalUser
            {
                UserName = patient.Email,
                Email = patient.Email,
                EmailConfirmed = true, // the link reached this inbox
                DisplayName = patient.FullName,
                ClinicId = patient.ClinicId,
                PatientId = patient.Id,
            };
            result = await users.CreateAsync(user, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Patient);
        }
        else
        {
            var resetToken = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, resetToken, password);
        }
        if (!result.Succeeded) return (null, result.Errors.Select(e => e.Description).ToList());
        link.UsedAt = clock.GetUtcNow();
        db.Attach(link).Property(l => l.UsedAt).IsModified = true;
        await db.SaveChangesAsync(ct);
        return (user, []);
    }
}
