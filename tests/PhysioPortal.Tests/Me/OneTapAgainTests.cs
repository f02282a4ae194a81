using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Me;

/// <summary>The one-tap page after the session is logged, and for a patient who has no account yet.</summary>
[Collection(PortalCollection.Name)]
public class OneTapAgainTests(PortalFactory factory)
{
    private async Task<(Patient Patient, string Token, DateOnly Today)> PatientWithLinkAsync(bool withAccount)
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-3));
        if (withAccount) await factory.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        await using var s = factory.SystemDb();
        var token = new LinkTokens(s.Db, TimeProvider.System).Issue(TokenPurpose.OneTapLog, clinic.Id, patient.Id, TimeSpan.FromDays(3), rx.Id, today);
        await s.Db.SaveChangesAsync();
        return (patient, token, today);
    }

    [Fact]
    public async Task Opened_again_after_logging_it_says_so_and_offers_a_change_only_after_signing_in()
    {
        var (patient, token, today) = await PatientWithLinkAsync(withAccount: true);
        var browser = factory.Client();
        var (_, form) = await browser.GetPageAsync($"/log/{token}");
        var (first, _) = await browser.PostPageAsync(form, $"/log/{token}", [new("Input.PainAfter", "2")]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var (again, page) = await factory.Client().GetPageAsync($"/log/{token}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(page.QuerySelector("#already-logged"));
        Assert.Null(page.QuerySelector("main form"));
        var signIn = page.QuerySelector("#sign-in")!;
        Assert.Contains("Sign in to change it", signIn.TextContent);
        Assert.Equal($"/Identity/Account/Login?ReturnUrl={Uri.EscapeDataString($"/me/log?date={today:yyyy-MM-dd}")}", signIn.GetAttribute("href"),
            StringComparer.OrdinalIgnoreCase);

        // A second post through the old form changes nothing.
        var (repost, repostPage) = await browser.PostPageAsync(form, $"/log/{token}", [new("Input.PainAfter", "9")]);
        Assert.Equal(HttpStatusCode.OK, repost.StatusCode);
        Assert.NotNull(repostPage.QuerySelector("#already-logged"));
        await using var s = factory.SystemDb();
        var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id);
        Assert.Equal(2, log.PainAfter);
    }

    [Fact]
    public async Task Without_an_account_the_thank_you_page_says_how_to_get_one()
    {
        var (_, token, _) = await PatientWithLinkAsync(withAccount: false);
        var browser = factory.Client();
        var (_, form) = await browser.GetPageAsync($"/log/{token}");
        var (_, done) = await browser.PostPageAsync(form, $"/log/{token}", []);
        var help = done.QuerySelector("#get-an-account")!;
        Assert.Contains("Set up my account", help.TextContent);
        Assert.Contains("new invitation", help.TextContent);
        Assert.Null(done.QuerySelector("#sign-in"));
    }
}
