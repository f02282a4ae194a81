using System.Net;
using System.Text.RegularExpressions;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Before a patient has an account, the routine email brings the invitation, not a sign-in link.</summary>
[Collection(PortalCollection.Name)]
public partial class FirstRoutineEmailTests(PortalFactory factory)
{
    [GeneratedRegex(@"http://localhost(/invite/[A-Za-z0-9_\-]+)")]
    private static partial Regex InviteLink();

    private async Task<string> SendRoutineEmailAsync(bool withAccount)
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        if (withAccount) await factory.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var now = DateTimeOffset.UtcNow;
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, DateOnly.FromDateTime(now.UtcDateTime), new TimeOnly(8, 0));
        await using var s = factory.SystemDb();
        s.Db.ScheduledEmails.Add(new ScheduledEmail
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.NewPrescription, PatientId = patient.Id, PrescriptionId = rx.Id,
            UniqueKey = $"new-prescription:{rx.Id}:v1", DueAt = now.AddMinutes(-1), CreatedAt = now,
        });
        await s.Db.SaveChangesAsync();
        await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
        await factory.CancelPendingAsync(patient.Id);
        return Assert.Single(factory.MailTo(patient.Email!)).MessageParts[0].BodyData;
    }

    [Fact]
    public async Task Without_an_account_the_routine_email_carries_a_working_invitation_and_no_sign_in_link()
    {
        var text = await SendRoutineEmailAsync(withAccount: false);
        Assert.Contains("Set up my account", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost/me", text, StringComparison.Ordinal);
        var link = InviteLink().Match(text).Groups[1].Value;
        Assert.NotEmpty(link);
        var (response, page) = await factory.Client().GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("input[type=password]"));
    }

    [Fact]
    public async Task With_an_account_the_routine_email_links_to_the_site()
    {
        var text = await SendRoutineEmailAsync(withAccount: true);
        Assert.Contains("http://localhost/me", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/invite/", text, StringComparison.Ordinal);
    }
}
