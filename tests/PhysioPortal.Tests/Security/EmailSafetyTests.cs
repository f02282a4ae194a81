using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;

namespace PhysioPortal.Tests.Security;

/// <summary>Line breaks never reach an email header, and an invitation never tells who has an account elsewhere.</summary>
[Collection(PortalCollection.Name)]
public class EmailSafetyTests(PortalFactory factory)
{
    [Theory]
    [InlineData("Input.Name", "Riverside\r\nBcc: victim@example.com")]
    [InlineData("Input.Name", "Riverside\u2028Physio")]
    [InlineData("Input.Address", "1 High St\nLondon")]
    [InlineData("Input.Phone", "0123\r456")]
    public async Task Clinic_settings_refuse_line_breaks_beside_the_field(string field, string value)
    {
        var clinic = await factory.ClinicAsync();
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var response = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { [field] = value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("line", page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        await using var s = factory.SystemDb();
        var saved = await s.Db.Clinics.SingleAsync(c => c.Id == clinic.Id);
        Assert.DoesNotContain('\n', saved.Name + saved.Address + saved.Phone);
    }

    [Fact]
    public async Task A_stored_address_with_a_line_break_gets_a_clear_message_on_invite_not_a_500()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Email = $"crlf-{TestData.Unique()}@test.example\r\nBcc: victim@example.com");
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var response = await clinician.SubmitFormAsync($"/clinic/patients/{patient.Id}", new Dictionary<string, string>(), "main form[action*='handler=Invite']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await clinician.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("not a valid email address", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address.Contains("victim", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_scheduled_email_to_a_broken_address_is_marked_failed_with_the_reason_and_not_retried()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var (patient, _, row) = await factory.PatientWithDueReminderAsync(clinic.Id, now);
        await using (var s = factory.SystemDb())
        {
            await s.Db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.FirstName, "Pat\r\nBcc: victim@example.com"));
        }
        await using (var s = factory.SystemDb())
        {
            await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
        }
        var stored = (await factory.RowsAsync(patient.Id)).Single(r => r.Id == row.Id);
        Assert.Equal(EmailState.Failed, stored.State);
        Assert.Contains("line break", stored.LastError, StringComparison.Ordinal);
        Assert.Empty(factory.MailTo(patient.Email!));
    }

    [Fact]
    public async Task An_invitation_says_the_same_whether_or_not_the_address_has_an_account_in_another_clinic()
    {
        var clinic = await factory.ClinicAsync();
        var elsewhere = await factory.ClinicAsync();
        var taken = await factory.UserAsync(elsewhere.Id, Roles.Clinician);
        var withAccountElsewhere = await factory.PatientAsync(clinic.Id, p => p.Email = taken.Email);
        var fresh = await factory.PatientAsync(clinic.Id);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);

        async Task<string> InviteAsync(Guid id)
        {
            var response = await clinician.SubmitFormAsync($"/clinic/patients/{id}", new Dictionary<string, string>(), "main form[action*='handler=Invite']");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var (_, page) = await clinician.GetPageAsync(response.Headers.Location!.OriginalString);
            return page.QuerySelector("[role=status], [role=alert], .alert")!.TextContent.Trim();
        }

        var answerTaken = await InviteAsync(withAccountElsewhere.Id);
        var answerFresh = await InviteAsync(fresh.Id);
        Assert.Equal(answerFresh.Replace(fresh.Email!, "ADDRESS", StringComparison.Ordinal), answerTaken.Replace(taken.Email!, "ADDRESS", StringComparison.Ordinal));
        Assert.DoesNotContain("Another account", answerTaken, StringComparison.Ordinal);
        // The inbox's owner learns why no account link came; the clinician does not.
        var mail = Assert.Single(factory.MailTo(taken.Email!));
        Assert.Contains("already belongs to a PhysioPortal account", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
    }
}
