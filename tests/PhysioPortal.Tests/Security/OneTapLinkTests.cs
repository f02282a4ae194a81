using PhysioPortal.Core;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>Whoever holds a one-tap link (a forwarded email) sees an empty form, never the saved day, and cannot change it.</summary>
[Collection(PortalCollection.Name)]
public class OneTapLinkTests(PortalFactory factory)
{
    private static readonly DateOnly Today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    private async Task<string> TokenAsync(Guid clinicId, Guid patientId, Guid prescriptionId)
    {
        await using var s = factory.SystemDb();
        var raw = new LinkTokens(s.Db, TimeProvider.System).Issue(TokenPurpose.OneTapLog, clinicId, patientId, TimeSpan.FromDays(3), prescriptionId, Today);
        await s.Db.SaveChangesAsync();
        return raw;
    }

    [Fact]
    public async Task The_link_never_shows_a_saved_day_and_cannot_change_it()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Conditions = Core.Patients.ConditionSet.LowerBack);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-2));
        var token = await TokenAsync(clinic.Id, patient.Id, rx.Id);
        var anonymous = factory.Client();
        var (_, openBefore) = await anonymous.GetPageAsync($"/log/{token}"); // a form left open before the patient logged
        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var (_, logPage) = await me.GetPageAsync("/me/log");
        await me.PostPageAsync(logPage, "/me/log", [new("Input.PainBefore", "7"), new("Input.PainAfter", "6"), new("Input.Note", "my private note")], "main form[method=post]");

        var (get, page) = await anonymous.GetPageAsync($"/log/{token}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain("my private note", page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("already logged", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form[method=post]"));

        // Posting the form left open does not overwrite the day.
        var (post, _) = await anonymous.PostPageAsync(openBefore, $"/log/{token}", [new("Input.PainBefore", "0"), new("Input.Note", "overwritten")], "main form");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await using var s = factory.SystemDb();
        var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id && l.LocalDate == Today);
        Assert.Equal("my private note", log.Note);
        Assert.Equal(7, log.PainBefore);
        Assert.Equal(LogSource.Site, log.Source);
    }

    [Fact]
    public async Task The_link_creates_the_day_s_log_once_and_a_second_post_changes_nothing()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Conditions = Core.Patients.ConditionSet.LowerBack);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-2));
        var token = await TokenAsync(clinic.Id, patient.Id, rx.Id);
        var anonymous = factory.Client();
        var (_, page) = await anonymous.GetPageAsync($"/log/{token}");

        var (first, _) = await anonymous.PostPageAsync(page, $"/log/{token}", [new("Input.PainAfter", "2"), new("Input.Note", "first")], "main form");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (second, again) = await anonymous.PostPageAsync(page, $"/log/{token}", [new("Input.PainAfter", "9"), new("Input.Note", "second")], "main form");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Nothing was changed", again.Body!.TextContent, StringComparison.Ordinal);

        await using var s = factory.SystemDb();
        var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id && l.LocalDate == Today);
        Assert.Equal("first", log.Note);
        Assert.Equal(2, log.PainAfter);
    }
}
