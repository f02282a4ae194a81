using System.Net;
using PhysioPortal.Core;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Admin;

/// <summary>The admin's list of emails shows every kind the portal sends, invitations included, and filters by each.</summary>
[Collection(PortalCollection.Name)]
public class AdminEmailsTests(PortalFactory factory)
{
    [Fact]
    public async Task An_invitation_is_listed_and_found_by_its_kind()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var invited = await clinician.SubmitFormAsync($"/clinic/patients/{patient.Id}?handler=Invite", new Dictionary<string, string>(),
            "form[action*='handler=Invite']");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Single(factory.MailTo(patient.Email!));

        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var (_, page) = await admin.GetPageAsync("/admin/emails");
        var options = page.QuerySelectorAll("#Kind option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal(Enum.GetNames<EmailKind>().Order(), options.Order());

        var (_, filtered) = await admin.GetPageAsync("/admin/emails?Kind=Invitation");
        var row = Assert.Single(filtered.QuerySelectorAll("tbody tr"));
        Assert.Contains(EmailKind.Invitation.Label(), row.TextContent);
        Assert.Contains(patient.FullName, row.TextContent);
        Assert.Contains(EmailState.Sent.Label(), row.TextContent);

        var (_, others) = await admin.GetPageAsync("/admin/emails?Kind=Reminder");
        Assert.DoesNotContain(patient.FullName, others.Body!.TextContent);
    }
}
