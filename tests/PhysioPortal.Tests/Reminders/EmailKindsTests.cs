using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>What the check-in, the nudge and the clinician digest say, sent for real.</summary>
[Collection(PortalCollection.Name)]
public class EmailKindsTests(PortalFactory factory)
{
    private static async Task AddRowAsync(AsyncServiceScopeWithDb s, Guid clinicId, EmailKind kind, string key, DateOnly day, DateTimeOffset now,
        Guid? patientId = null, Guid? prescriptionId = null, string? clinicianUserId = null)
    {
        s.Db.ScheduledEmails.Add(new ScheduledEmail
        {
            Id = Guid.NewGuid(), ClinicId = clinicId, Kind = kind, PatientId = patientId, PrescriptionId = prescriptionId,
            ClinicianUserId = clinicianUserId, LocalDate = day, UniqueKey = key, DueAt = now.AddMinutes(-1), CreatedAt = now,
        });
        await s.Db.SaveChangesAsync();
    }

    [Fact]
    public async Task Check_in_nudge_and_the_digest_listing_the_slipping_patients_by_the_home_page_s_rule()
    {
        var clinic = await factory.ClinicAsync("Digest Physio");
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var slipping = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Sam");
        await factory.UserAsync(clinic.Id, Roles.Patient, slipping.Id); // the check-in links to the site, where Sam can sign in
        var onTrack = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Olu");
        var inPain = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Pat");
        var slippingRx = await factory.PrescriptionAsync(clinic.Id, slipping.Id, today.AddDays(-14), new TimeOnly(8, 0));
        var onTrackRx = await factory.PrescriptionAsync(clinic.Id, onTrack.Id, today.AddDays(-14), new TimeOnly(8, 0));
        var inPainRx = await factory.PrescriptionAsync(clinic.Id, inPain.Id, today.AddDays(-14), new TimeOnly(8, 0));
        await using (var s = factory.SystemDb())
        {
            await s.Db.Prescriptions.Where(p => p.Id == slippingRx.Id || p.Id == onTrackRx.Id || p.Id == inPainRx.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.ClinicianUserId, clinician.Id));
            // Olu and Pat logged the 6 days before today; Pat's pain rose from 2 to 5 (the clinic home's rule: slipping).
            foreach (var (patient, rx, rising) in new[] { (onTrack, onTrackRx, false), (inPain, inPainRx, true) })
            {
                var versionId = await s.Db.PrescriptionVersions.Where(v => v.PrescriptionId == rx.Id).Select(v => v.Id).SingleAsync();
                for (var d = 1; d <= 7; d++)
                {
                    s.Db.SessionLogs.Add(new SessionLog
                    {
                        Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = versionId,
                        LocalDate = today.AddDays(-d), Session = 1, LoggedAt = now, UpdatedAt = now, PainBefore = rising ? 2 + (7 - d) / 2 : null,
                    });
                }
            }
            await s.Db.SaveChangesAsync();
            await AddRowAsync(s, clinic.Id, EmailKind.CheckIn, EmailSchedule.Key(EmailKind.CheckIn, slippingRx.Id), today, now, slipping.Id, slippingRx.Id);
            await AddRowAsync(s, clinic.Id, EmailKind.Nudge, EmailSchedule.Key(EmailKind.Nudge, onTrackRx.Id, today.AddDays(-3)), today, now, onTrack.Id, onTrackRx.Id);
            await AddRowAsync(s, clinic.Id, EmailKind.ClinicianDigest, EmailSchedule.DigestKey(clinician.Id, today), today, now, clinicianUserId: clinician.Id);
            await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
        }

        var checkIn = Assert.Single(factory.MailTo(slipping.Email!));
        Assert.Equal("How is it going? A week of Back routine", checkIn.Headers["Subject"]);
        Assert.Contains("http://localhost/me/log", checkIn.MessageParts[0].BodyData, StringComparison.Ordinal);

        var nudge = Assert.Single(factory.MailTo(onTrack.Email!));
        Assert.Equal("Your exercises are waiting: Back routine", nudge.Headers["Subject"]);
        Assert.Contains("http://localhost/log/", nudge.MessageParts[0].BodyData, StringComparison.Ordinal); // today is scheduled: one tap

        var digest = Assert.Single(factory.MailTo(clinician.Email!));
        Assert.Equal("Digest Physio: 2 patients slipping this week", digest.Headers["Subject"]);
        var text = digest.MessageParts[0].BodyData;
        Assert.Contains($"Sam {slipping.LastName}", text, StringComparison.Ordinal);
        Assert.Contains("0 % (0 of 6)", text, StringComparison.Ordinal); // the home page's rule: today is not missed until it ends
        Assert.Contains($"Pat {inPain.LastName}", text, StringComparison.Ordinal);
        Assert.Contains("(up 3)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(onTrack.LastName, text, StringComparison.Ordinal);
        Assert.False(digest.Headers.AllKeys.Contains("List-Unsubscribe")); // a sender made by hand has no digest links (DigestUnsubscribeTests has the portal's)
        Assert.All(await factory.RowsAsync(slipping.Id), r => Assert.Equal(EmailState.Sent, r.State));
    }
}
