using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// Every kind of email the portal sends, made through the path that sends it for real (the scheduled-email sender,
/// the clinician's invite button, the forgotten-password form, the admin's test email), read off the SMTP server and
/// checked as a mailbox provider would: the headers bulk senders must have, a plain-text part, an HTML part that is a
/// whole document passing the Nu HTML checker, and (where SpamAssassin is installed) an offline spam score of 0.5 or
/// less.
/// </summary>
[Collection(PortalCollection.Name)]
public class EmailCheckerTests(PortalFactory factory)
{
    public sealed record Sample(string Kind, MimeMessage Message, string Raw, bool Stoppable);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static IReadOnlyList<Sample>? samples;

    [Fact]
    public async Task Every_kind_has_the_headers_a_text_part_and_a_whole_html_document()
    {
        var all = await EveryKindAsync();
        Assert.Equal(["NewPrescription", "Reminder", "CheckIn", "Nudge", "Questionnaire", "ClinicianDigest", "Invitation", "PasswordReset", "TestEmail"], all.Select(s => s.Kind));
        var problems = new List<string>();
        foreach (var (kind, m, _, stoppable) in all)
        {
            void Check(bool ok, string what)
            {
                if (!ok) problems.Add($"- {kind}: {what}");
            }
            Check(!string.IsNullOrEmpty(m.MessageId) && m.MessageId.Contains('@', StringComparison.Ordinal), $"Message-ID \"{m.MessageId}\"");
            Check(m.Headers.Contains(HeaderId.Date), "no Date");
            Check(m.Headers["Auto-Submitted"] == "auto-generated", $"Auto-Submitted \"{m.Headers["Auto-Submitted"]}\"");
            Check(!string.IsNullOrWhiteSpace(m.TextBody), "no text/plain part");
            var html = m.HtmlBody ?? "";
            Check(html.StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase) && html.Contains("<html lang=", StringComparison.Ordinal)
                  && html.Contains("<title>", StringComparison.Ordinal) && html.Contains("<body", StringComparison.Ordinal), "the HTML part is not a whole document");
            var unsubscribe = m.Headers["List-Unsubscribe"];
            if (stoppable)
            {
                Check(unsubscribe is not null && unsubscribe.StartsWith("<http", StringComparison.Ordinal), $"List-Unsubscribe \"{unsubscribe}\"");
                Check(m.Headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "no List-Unsubscribe-Post: List-Unsubscribe=One-Click");
            }
            else if (kind != "ClinicianDigest") // the staff digest has no unsubscribe yet (open item); the rest come when asked for
            {
                Check(unsubscribe is null, "a List-Unsubscribe on an email that only comes when asked for");
            }
        }
        problems.AddRange(NuHtmlChecker.Errors(all.Select(s => new NuHtmlChecker.Document(s.Kind, s.Message.HtmlBody ?? "")).ToList()));
        Assert.True(problems.Count == 0, "Email problems:\n" + string.Join("\n", problems));

        var reset = all.Single(s => s.Kind == "PasswordReset").Message;
        var address = reset.To.Mailboxes.Single().Address;
        Assert.DoesNotContain(address, reset.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(address), reset.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [SpamAssassinFact]
    public async Task SpamAssassin_scores_every_kind_at_half_a_point_or_less()
    {
        var all = await EveryKindAsync();
        var scores = SpamAssassin.Scores(all.Select(s => s.Raw).ToList());
        var high = all.Zip(scores).Where(x => x.Second.Points > 0.5)
            .Select(x => $"- {x.First.Kind}: {x.Second.Points} points\n    {string.Join("\n    ", x.Second.Rules)}").ToList();
        Assert.True(high.Count == 0, "SpamAssassin (offline rules) scores above 0.5:\n" + string.Join("\n", high));
    }

    private async Task<IReadOnlyList<Sample>> EveryKindAsync()
    {
        await Once.WaitAsync();
        try
        {
            return samples ??= await SendEveryKindAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<IReadOnlyList<Sample>> SendEveryKindAsync()
    {
        var clinic = await factory.ClinicAsync("Harbour Physiotherapy");
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var admin = await factory.UserAsync(clinic.Id, Roles.Admin);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        EmailKind[] scheduled = [EmailKind.NewPrescription, EmailKind.Reminder, EmailKind.CheckIn, EmailKind.Nudge, EmailKind.Questionnaire];
        var addresses = new Dictionary<string, string>();
        await using (var s = factory.SystemDb())
        {
            foreach (var kind in scheduled)
            {
                var patient = await factory.PatientAsync(clinic.Id);
                var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10), clinicianUserId: clinician.Id);
                addresses[kind.ToString()] = patient.Email!;
                // The questionnaire is the routine's first day's (the baseline), sent late; the others are today's.
                var day = kind == EmailKind.Questionnaire ? today.AddDays(-10) : today;
                s.Db.ScheduledEmails.Add(Row(clinic.Id, kind, $"checker:{kind}:{rx.Id}", day, now, patient.Id, rx.Id));
            }
            s.Db.ScheduledEmails.Add(Row(clinic.Id, EmailKind.ClinicianDigest, $"checker:digest:{clinician.Id}", today, now, clinicianUserId: clinician.Id));
            // The digest also lists the week's alerts that are not urgent: one, so its part is checked with the rest.
            var alerted = await factory.PatientAsync(clinic.Id);
            s.Db.Alerts.Add(new Core.Alerts.Alert
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = alerted.Id, ClinicianUserId = clinician.Id, Kind = Core.Alerts.AlertKind.PainAfterSession,
                UniqueKey = $"checker:alert:{clinician.Id}", Summary = "Pain after the session was 6, up from 4 before it.", RaisedAt = now.AddDays(-1),
            });
            addresses["ClinicianDigest"] = clinician.Email!;
            await s.Db.SaveChangesAsync();
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }

        var invited = await factory.PatientAsync(clinic.Id);
        var (clinicianClient, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        await clinicianClient.SubmitFormAsync($"/clinic/patients/{invited.Id}?handler=Invite", new Dictionary<string, string>(), "form[action*='handler=Invite']");
        addresses["Invitation"] = invited.Email!;

        await factory.Client().SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = admin.Email! });
        await factory.RunQueuedPasswordResetEmailsAsync(admin.Id); // the page only queues the email (same answer and time for any address)
        addresses["PasswordReset"] = admin.Email!;

        var (adminClient, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var testAddress = $"test-{TestData.Unique()}@example.org";
        await adminClient.SubmitFormAsync("/admin/email-test", new Dictionary<string, string> { ["To"] = testAddress }, "main form[method=post]");
        addresses["TestEmail"] = testAddress;

        return addresses.Select(a =>
        {
            var raw = Assert.Single(factory.MailTo(a.Value)).Data;
            var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
            return new Sample(a.Key, message, raw, Stoppable: a.Key is "NewPrescription" or "Reminder" or "CheckIn" or "Nudge" or "Questionnaire" or "ClinicianDigest");
        }).ToList();
    }

    private static ScheduledEmail Row(Guid clinicId, EmailKind kind, string key, DateOnly day, DateTimeOffset now, Guid? patientId = null, Guid? prescriptionId = null, string? clinicianUserId = null) => new()
    {
        Id = Guid.NewGuid(), ClinicId = clinicId, Kind = kind, PatientId = patientId, PrescriptionId = prescriptionId,
        ClinicianUserId = clinicianUserId, LocalDate = day, UniqueKey = key, DueAt = now.AddMinutes(-1), CreatedAt = now,
    };
}
