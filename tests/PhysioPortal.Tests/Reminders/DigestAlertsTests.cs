using System.Text;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>
/// The weekly digest lists the alerts that are not urgent (pain up, pain rising, too hard twice, missed days, a
/// questionnaire worse) raised in its week, per patient, each linking to the alert; warning signs, emailed at once,
/// are not repeated. Sent by the portal's own sender to the in-process SMTP server.
/// </summary>
[Collection(PortalCollection.Name)]
public class DigestAlertsTests(PortalFactory factory)
{
    private static Alert NewAlert(Guid clinicId, Guid patientId, string clinicianUserId, AlertKind kind, DateTimeOffset raisedAt, string summary,
        AlertState state = AlertState.Open) => new()
    {
        Id = Guid.NewGuid(), ClinicId = clinicId, PatientId = patientId, ClinicianUserId = clinicianUserId, Kind = kind, State = state,
        UniqueKey = $"test:{Guid.NewGuid():N}", Summary = summary, RaisedAt = raisedAt,
    };

    [Fact]
    public async Task The_digest_lists_the_week_s_non_urgent_alerts_per_patient_with_links_and_leaves_warning_signs_out()
    {
        var clinic = await factory.ClinicAsync("Digest Alerts Physio");
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var colleague = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var ann = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Ann");
        var bob = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Bob");
        // Both started today: "just started", so nobody is slipping; the alerts alone make the digest worth sending.
        await factory.PrescriptionAsync(clinic.Id, ann.Id, today, clinicianUserId: clinician.Id);
        await factory.PrescriptionAsync(clinic.Id, bob.Id, today, clinicianUserId: clinician.Id);

        var painUp = NewAlert(clinic.Id, ann.Id, clinician.Id, AlertKind.PainAfterSession, now.AddDays(-3), "Pain went from 4 to 6 during the session.");
        var tooHard = NewAlert(clinic.Id, ann.Id, clinician.Id, AlertKind.TooHard, now.AddDays(-2), "Too hard in two logs in a row.", AlertState.Seen);
        var missed = NewAlert(clinic.Id, bob.Id, clinician.Id, AlertKind.MissedDays, now.AddDays(-1), "3 scheduled days in a row missed.");
        var warning = NewAlert(clinic.Id, ann.Id, clinician.Id, AlertKind.WarningSign, now.AddDays(-1), "The note names a warning sign: dizziness.");
        var lastWeek = NewAlert(clinic.Id, bob.Id, clinician.Id, AlertKind.PainRising, now.AddDays(-9), "Pain rising over the last logs.");
        var colleagues = NewAlert(clinic.Id, bob.Id, colleague.Id, AlertKind.TooHard, now.AddDays(-1), "Too hard, in the colleague's inbox.");
        await using (var s = factory.SystemDb())
        {
            s.Db.Alerts.AddRange(painUp, tooHard, missed, warning, lastWeek, colleagues);
            s.Db.ScheduledEmails.Add(new ScheduledEmail
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.ClinicianDigest, ClinicianUserId = clinician.Id, LocalDate = today,
                UniqueKey = EmailSchedule.DigestKey(clinician.Id, today), DueAt = now.AddMinutes(-1), CreatedAt = now,
            });
            await s.Db.SaveChangesAsync();
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }

        var digest = Assert.Single(factory.MailTo(clinician.Email!));
        Assert.Equal("Digest Alerts Physio: 3 alerts this week", digest.Headers["Subject"]);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(digest.Data)));
        var text = message.TextBody ?? "";
        var html = message.HtmlBody ?? "";
        Assert.Contains("No patient is slipping", text, StringComparison.Ordinal);

        // Per patient: Ann's two alerts under her name, then Bob's one under his; each with its kind, state and link.
        var annAt = text.IndexOf($"Ann {ann.LastName} (2 alerts)", StringComparison.Ordinal);
        var bobAt = text.IndexOf($"Bob {bob.LastName} (1 alert)", StringComparison.Ordinal);
        Assert.True(annAt >= 0 && bobAt > annAt, text);
        foreach (var (alert, kind, state) in new[] { (painUp, "Pain up during a session", "open"), (tooHard, "Too hard, twice in a row", "seen") })
        {
            var at = text.IndexOf($"http://localhost/clinic/alerts/{alert.Id}", StringComparison.Ordinal);
            Assert.True(at > annAt && at < bobAt, $"{kind} is not under Ann: {text}");
            Assert.Contains($"{kind} ({state})", text, StringComparison.Ordinal);
            Assert.Contains($"href=\"http://localhost/clinic/alerts/{alert.Id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains(painUp.Summary, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf($"http://localhost/clinic/alerts/{missed.Id}", StringComparison.Ordinal) > bobAt, text);

        // Not repeated: the warning sign (emailed at once); not in this week; not this clinician's.
        foreach (var absent in new[] { warning, lastWeek, colleagues })
        {
            Assert.DoesNotContain(absent.Id.ToString(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(absent.Id.ToString(), html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("dizziness", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_with_only_a_warning_sign_and_nobody_slipping_sends_no_digest()
    {
        var clinic = await factory.ClinicAsync("Digest Quiet Physio");
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var patient = await factory.PatientAsync(clinic.Id);
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today, clinicianUserId: clinician.Id);
        var row = new ScheduledEmail
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.ClinicianDigest, ClinicianUserId = clinician.Id, LocalDate = today,
            UniqueKey = EmailSchedule.DigestKey(clinician.Id, today), DueAt = now.AddMinutes(-1), CreatedAt = now,
        };
        await using (var s = factory.SystemDb())
        {
            s.Db.Alerts.Add(NewAlert(clinic.Id, patient.Id, clinician.Id, AlertKind.WarningSign, now.AddDays(-1), "The note names a warning sign: a fall."));
            s.Db.ScheduledEmails.Add(row);
            await s.Db.SaveChangesAsync();
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }
        Assert.Empty(factory.MailTo(clinician.Email!));
        await using var check = factory.SystemDb();
        var after = await check.Db.ScheduledEmails.FindAsync(row.Id);
        Assert.Equal(EmailState.Cancelled, after!.State);
        Assert.Equal(ClinicianDigest.NothingToReport, after.LastError);
    }
}
