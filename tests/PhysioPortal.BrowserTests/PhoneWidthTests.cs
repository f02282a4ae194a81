using PhysioPortal.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

/// <summary>
/// Every page of the app (read from its own endpoints, so a new page is covered the day it is added), opened at
/// 390 px as the person who uses it, with long names, notes and errors: none may be wider than the window.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneWidthTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Phone = 390;

    /// <summary>Routes that are not pages to look at: files, the dashboard (Hangfire's own), steps that need a secret.</summary>
    private static readonly string[] Skipped =
    [
        "health", "admin/jobs/{**path}", "me/calendar.ics", "me/handout.pdf", "calendar/{token}.ics", "clinic/prescriptions/{id:guid}/handout.pdf",
        "identity/account/logout", "identity/account/loginwith2fa", "identity/account/resetpassword", "identity/account/accessdenied", "index",
        "clinic/index", "clinic/library/index", "clinic/templates/index", "clinic/patients/index", "me/index", "admin/index",
    ];

    [Fact]
    public async Task No_page_of_a_patient_clinician_or_admin_is_wider_than_a_390px_phone()
    {
        var portal = browser.Portal;
        var clinic = await portal.ClinicAsync("Physiotherapie am Hauptbahnhof Süd " + TestData.Unique());
        var admin = await portal.UserAsync(clinic.Id, Roles.Admin);
        var clinician = await portal.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await portal.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = "Maximiliane-Alexandra";
            p.LastName = "Oberhausen-Wittgenstein" + TestData.Unique();
            p.Email = $"maximiliane.alexandra.oberhausen.wittgenstein.{TestData.Unique()}@a-rather-long-domain-name.example";
            p.Conditions = ConditionSet.LowerBack | ConditionSet.Sciatica;
            p.SciaticaSide = AffectedSide.Left;
            p.Notes = string.Join(' ', Enumerable.Repeat("Supercalifragilisticexpialidocious-lumbar-radiculopathy", 6));
        });
        var patientUser = await portal.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        var rx = await portal.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10), clinicianUserId: clinician.Id);
        string logToken, questionnaireToken, unsubscribeToken, inviteToken, exerciseSlug, templateSlug;
        Guid alertId;
        var digestToken = portal.Services.GetRequiredService<PhysioPortal.Core.Reminders.DigestLinks>().TokenFor(clinician.Id);
        var ownSlug = (await portal.OwnExerciseAsync(clinic.Id)).Slug; // only a clinic's own exercise has an edit page
        var ownRoutineSlug = (await portal.OwnRoutineAsync(clinic.Id, "Rückenschule nach Bandscheibenvorfall, Woche 3 bis 8")).Slug; // and routine
        await using (var s = portal.SystemDb())
        {
            var versionId = s.Db.PrescriptionVersions.Single(v => v.PrescriptionId == rx.Id).Id;
            for (var d = 1; d <= 6; d++)
            {
                s.Db.SessionLogs.Add(new SessionLog
                {
                    Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = versionId,
                    LocalDate = today.AddDays(-d), PainBefore = 6, PainAfter = 3, Difficulty = Difficulty.AboutRight,
                    Note = "The second exercise pulled behind my knee a little, and afterwards I walked the dog for forty minutes without stopping.",
                    LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                });
            }
            s.Db.ScheduledEmails.Add(new ScheduledEmail
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.CheckIn, State = EmailState.Failed, PatientId = patient.Id, PrescriptionId = rx.Id,
                UniqueKey = $"phone-test:{Guid.NewGuid()}", DueAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, Attempts = 5,
                MessageId = $"<{Guid.NewGuid():N}.{Guid.NewGuid():N}@a-rather-long-domain-name.example>",
                LastError = "5.7.1 Relaying denied: the server at smtp.a-rather-long-domain-name.example refused the message (authentication required)",
            });
            var alert = new PhysioPortal.Core.Alerts.Alert
            {
                Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, ClinicianUserId = clinician.Id,
                Kind = PhysioPortal.Core.Alerts.AlertKind.PainAfterSession, UniqueKey = $"phone-test:{Guid.NewGuid():N}",
                Summary = "Pain 8/10 after the session, up from 3 before: a rather long summary that must wrap on a phone", RaisedAt = DateTimeOffset.UtcNow,
            };
            s.Db.Alerts.Add(alert);
            alertId = alert.Id;
            var tokens = new LinkTokens(s.Db, TimeProvider.System);
            logToken = tokens.Issue(TokenPurpose.OneTapLog, clinic.Id, patient.Id, TimeSpan.FromDays(1), rx.Id, today);
            questionnaireToken = tokens.Issue(TokenPurpose.Questionnaire, clinic.Id, patient.Id, TimeSpan.FromDays(1), rx.Id, today);
            unsubscribeToken = tokens.Issue(TokenPurpose.Unsubscribe, clinic.Id, patient.Id, TimeSpan.FromDays(1));
            inviteToken = tokens.Issue(TokenPurpose.Invitation, clinic.Id, patient.Id, TimeSpan.FromDays(1));
            await s.Db.SaveChangesAsync();
            exerciseSlug = s.Db.Exercises.Where(e => e.ClinicId == null).OrderBy(e => e.Slug).Select(e => e.Slug).First();
            templateSlug = s.Db.RoutineTemplates.Where(t => t.ClinicId == null).OrderBy(t => t.Slug).Select(t => t.Slug).First();
        }

        string Fill(string route) => "/" + route
            .Replace("clinic/prescriptions/{id:guid}", $"clinic/prescriptions/{rx.Id}", StringComparison.Ordinal)
            .Replace("clinic/alerts/{id:guid}", $"clinic/alerts/{alertId}", StringComparison.Ordinal)
            .Replace("{id:guid}", patient.Id.ToString(), StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("clinic/library/{slug}/edit", $"clinic/library/{ownSlug}/edit", StringComparison.Ordinal)
            .Replace("clinic/library/{slug}", $"clinic/library/{exerciseSlug}", StringComparison.Ordinal)
            .Replace("clinic/templates/{slug}/edit", $"clinic/templates/{ownRoutineSlug}/edit", StringComparison.Ordinal)
            .Replace("clinic/templates/{slug}", $"clinic/templates/{templateSlug}", StringComparison.Ordinal)
            .Replace("log/{token}", $"log/{logToken}", StringComparison.Ordinal)
            .Replace("questionnaire/{token}", $"questionnaire/{questionnaireToken}", StringComparison.Ordinal)
            .Replace("unsubscribe/digest/{token}", $"unsubscribe/digest/{digestToken}", StringComparison.Ordinal)
            .Replace("unsubscribe/{token}", $"unsubscribe/{unsubscribeToken}", StringComparison.Ordinal)
            .Replace("invite/{token}", $"invite/{inviteToken}", StringComparison.Ordinal);

        string? Who(string route) => route switch
        {
            _ when route.StartsWith("admin", StringComparison.Ordinal) => admin.Email,
            _ when route.StartsWith("identity/account/manage", StringComparison.Ordinal) => admin.Email,
            _ when route.StartsWith("clinic", StringComparison.Ordinal) => clinician.Email,
            _ when route.StartsWith("me", StringComparison.Ordinal) => patientUser.Email,
            _ => null,
        };

        // Files, downloads and machine endpoints are not pages a person reads on a phone.
        static bool IsFileOrEndpoint(string r) => r.StartsWith("health", StringComparison.Ordinal) || r.StartsWith("media/", StringComparison.Ordinal)
            || r.StartsWith("bench/", StringComparison.Ordinal)
            || r.EndsWith("/export", StringComparison.Ordinal) || r.EndsWith(".pdf", StringComparison.Ordinal) || r.EndsWith(".ics", StringComparison.Ordinal);
        var routes = Routes().Where(r => !Skipped.Contains(r) && !IsFileOrEndpoint(r)).ToList();
        Assert.Contains("admin/audit", routes);
        var tooWide = new List<string>();
        foreach (var group in routes.GroupBy(Who))
        {
            var page = await browser.NewPageAsync(Phone, 844);
            if (group.Key is { } email) await SignInAsync(page, email);
            foreach (var route in group)
            {
                var url = Fill(route);
                Assert.DoesNotContain("{", url, StringComparison.Ordinal);
                var response = await page.GotoAsync(url);
                Assert.True(response is { Status: 200 }, $"GET {url} answered {response?.Status}");
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                output.WriteLine($"{route}: {widths[0]} px in {widths[1]} px");
                if (widths[0] > widths[1])
                {
                    var file = Path.Combine(BrowserFixture.ShotsDirectory, $"phone-{route.Replace('/', '-').Replace("{", "").Replace("}", "").Replace(':', '-')}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                    tooWide.Add($"{url} is {widths[0]} px wide in a {widths[1]} px window ({file})");
                }
            }
            await page.Context.CloseAsync();
        }
        Assert.True(tooWide.Count == 0, "Pages wider than a phone:" + Environment.NewLine + string.Join(Environment.NewLine, tooWide));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The app's Razor pages, as route templates without the leading slash, lower case.</summary>
    private List<string> Routes() =>
        browser.Portal.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => (e.RoutePattern.RawText ?? "").Trim('/').ToLowerInvariant())
            .Distinct().Order().ToList();
}
