using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>
/// The weekly digest's unsubscribe: a link bound to the clinician's account in every digest (and the List-Unsubscribe
/// headers for the mail program's button), a one-click POST that turns it off, and a page to turn it back on.
/// </summary>
[Collection(PortalCollection.Name)]
public class DigestUnsubscribeTests(PortalFactory factory)
{
    private async Task<netDumbster.smtp.SmtpMessage?> SendDigestAsync(Guid clinicId, string clinicianUserId, string email, DateOnly day)
    {
        var now = DateTimeOffset.UtcNow;
        var before = factory.MailTo(email).Count;
        await using (var s = factory.SystemDb())
        {
            s.Db.ScheduledEmails.Add(new ScheduledEmail
            {
                Id = Guid.NewGuid(), ClinicId = clinicId, Kind = EmailKind.ClinicianDigest, ClinicianUserId = clinicianUserId, LocalDate = day,
                UniqueKey = EmailSchedule.DigestKey(clinicianUserId, day), DueAt = now.AddMinutes(-1), CreatedAt = now,
            });
            await s.Db.SaveChangesAsync();
            await s.Services.GetRequiredService<EmailSender>().SendDueAsync();
        }
        var mail = factory.MailTo(email);
        return mail.Count > before ? mail[^1] : null;
    }

    private async Task<(Core.Clinics.Clinic Clinic, PortalUser Clinician)> ClinicianWithASlippingPatientAsync()
    {
        var clinic = await factory.ClinicAsync("Digest Stop Physio");
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await factory.PatientAsync(clinic.Id);
        // Two weeks in, nothing logged: slipping by the home page's rule.
        await factory.PrescriptionAsync(clinic.Id, patient.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-14), clinicianUserId: clinician.Id);
        return (clinic, clinician);
    }

    [Fact]
    public async Task The_digest_carries_its_own_unsubscribe_and_one_click_stops_the_next_one()
    {
        var (clinic, clinician) = await ClinicianWithASlippingPatientAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var digest = await SendDigestAsync(clinic.Id, clinician.Id, clinician.Email!, today);
        Assert.NotNull(digest);
        var header = digest.Headers["List-Unsubscribe"];
        Assert.Matches("^<http://localhost/unsubscribe/digest/[^>]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        var link = header!.Trim('<', '>');
        Assert.Contains($"Unsubscribe: {link}", digest.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Contains("you work at Digest Stop Physio", digest.MessageParts[0].BodyData, StringComparison.Ordinal);
        var path = new Uri(link).PathAndQuery;

        // Opening the link (a mail scanner does) changes nothing.
        var anonymous = factory.Client();
        var (shown, page) = await anonymous.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Stop the weekly digest?", page.QuerySelector("h1")!.TextContent);
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Services.GetRequiredService<DigestSubscription>().IsOffAsync(clinician.Id));
        }

        // The mail program's button: a POST with no form token and no cookie (RFC 8058).
        var click = await anonymous.Http.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Contains("No more weekly digests", await click.Content.ReadAsStringAsync());

        // The next Monday's digest is cancelled with its reason, and nothing is sent.
        Assert.Null(await SendDigestAsync(clinic.Id, clinician.Id, clinician.Email!, today.AddDays(7)));
        await using (var s = factory.SystemDb())
        {
            var row = await s.Db.ScheduledEmails.SingleAsync(e => e.UniqueKey == EmailSchedule.DigestKey(clinician.Id, today.AddDays(7)));
            Assert.Equal(EmailState.Cancelled, row.State);
            Assert.Equal(ScheduledEmailContext.DigestTurnedOff, row.LastError);
        }
    }

    [Fact]
    public async Task The_clinician_turns_it_back_on_and_only_their_own_digest_is_touched()
    {
        var (clinic, clinician) = await ClinicianWithASlippingPatientAsync();
        var colleague = await factory.UserAsync(clinic.Id, Roles.Clinician);
        string token;
        await using (var s = factory.SystemDb())
        {
            token = s.Services.GetRequiredService<DigestLinks>().TokenFor(clinician.Id);
        }
        var anonymous = factory.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.PostAsync($"/unsubscribe/digest/{token}", new FormUrlEncodedContent([]))).StatusCode);

        // A damaged or made-up token is a clear 404 page, and changes nothing.
        var damaged = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        var refused = await anonymous.Http.PostAsync($"/unsubscribe/digest/{damaged}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("We could not open this link", await refused.Content.ReadAsStringAsync());

        await using (var s = factory.SystemDb())
        {
            var digests = s.Services.GetRequiredService<DigestSubscription>();
            Assert.True(await digests.IsOffAsync(clinician.Id));
            Assert.False(await digests.IsOffAsync(colleague.Id));
        }

        // Signed in, the clinician sees it off and turns it on again; the next digest goes out.
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var mine = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await mine.SignInAsync(clinician.Email!, TestData.Password)).StatusCode);
        var (_, page) = await mine.GetPageAsync("/clinic/digest");
        Assert.Equal("off", page.QuerySelector("#digest-state")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await mine.SubmitFormAsync("/clinic/digest", new Dictionary<string, string>())).StatusCode);
        var (_, after) = await mine.GetPageAsync("/clinic/digest");
        Assert.Equal("on", after.QuerySelector("#digest-state")!.TextContent);
        Assert.Contains("The weekly digest is on", after.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(await SendDigestAsync(clinic.Id, clinician.Id, clinician.Email!, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14)));

        // Another signed-in clinician's page is about their own account only.
        var (_, theirs) = await client.GetPageAsync("/clinic/digest");
        Assert.Equal("on", theirs.QuerySelector("#digest-state")!.TextContent);
    }
}
