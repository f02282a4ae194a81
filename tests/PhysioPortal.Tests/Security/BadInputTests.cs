using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// A corpus of hostile values posted into every field of every form: never a 500, a message when refused, nothing
/// unencoded on the way back, and a form without its antiforgery token is refused.
/// </summary>
[Collection(PortalCollection.Name)]
public class BadInputTests(PortalFactory factory, ITestOutputHelper output)
{
    public static readonly string[] Corpus =
    [
        "",
        "   ",
        new string('x', 10_000),
        "ctrl\u0001\u0007\u001b[31m",
        "😀 مرحبا עברית ‮reversed‬",
        "<script>alert('pwned')</script>",
        "'; DROP TABLE \"Patients\"; --",
        "-1",
        "99999999999999999999",
        "1900-01-01",
        "2026-02-31",
        "Not/A_Zone",
    ];

    private sealed record Form(string Url, string Selector, string Handler, PortalClient Client);

    private async Task<List<Form>> FormsAsync()
    {
        var clinic = await factory.ClinicAsync();
        var today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var patient = await factory.PatientAsync(clinic.Id, p => p.Conditions = ConditionSet.LowerBack);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-5));
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var alertId = Guid.NewGuid();
        await using (var s = factory.SystemDb())
        {
            s.Db.Alerts.Add(new PhysioPortal.Core.Alerts.Alert
            {
                Id = alertId, ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, Kind = PhysioPortal.Core.Alerts.AlertKind.TooHard,
                UniqueKey = $"corpus:{alertId}", Summary = "Corpus alert", RaisedAt = DateTimeOffset.UtcNow,
            });
            await s.Db.SaveChangesAsync();
        }
        string questionnaire;
        await using (var s = factory.SystemDb())
        {
            questionnaire = new PhysioPortal.Core.Tokens.LinkTokens(s.Db, TimeProvider.System)
                .Issue(PhysioPortal.Core.Tokens.TokenPurpose.Questionnaire, clinic.Id, patient.Id, TimeSpan.FromDays(7), rx.Id, today);
            await s.Db.SaveChangesAsync();
        }
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var anonymous = factory.Client();
        var own = await factory.OwnExerciseAsync(clinic.Id);
        var (_, routineForm) = await clinician.GetPageAsync("/clinic/templates/new?copy=core");
        var routine = (await clinician.PostPageAsync(routineForm, "/clinic/templates/new", [new("Input.Name", "Corpus routine")], "#routine-form")).Response;
        var routineSlug = routine.Headers.Location!.OriginalString.Split('/')[^1];
        return
        [
            new("/clinic/templates/new?copy=core", "#routine-form", "", clinician),
            new($"/clinic/templates/{routineSlug}/edit", "#routine-form", "", clinician),
            new($"/clinic/patients/{patient.Id}/prescribe", "#builder", "?handler=SaveRoutine", clinician),
            new("/clinic/library/new", "main form[method=post]", "", clinician),
            new($"/clinic/library/{own.Slug}/edit", "#exercise-form", "", clinician),
            new("/Identity/Account/Login", "main form", "", anonymous),
            new("/Identity/Account/ForgotPassword", "main form", "", anonymous),
            new("/Identity/Account/ResetPassword?code=abc&email=a%40b.example", "main form", "", anonymous),
            new("/clinic/patients/new", "main form[method=post]", "", clinician),
            new($"/clinic/patients/{patient.Id}/edit", "main form[method=post]", "", clinician),
            new($"/clinic/patients/{patient.Id}/prescribe", "#builder", "?handler=Save", clinician),
            new("/clinic/library", "main form", "GET", clinician),
            new($"/clinic/alerts/{alertId}", "main form[action*='handler=Resolve']", "", clinician),
            new($"/clinic/patients/{patient.Id}/outcomes", "main form[method=post]", "", clinician),
            new("/clinic/patients", "main form", "GET", clinician),
            new("/clinic/digest", "main form[method=post]", "", clinician),
            new("/me/log", "main form[method=post]", "", me),
            new("/me/outcomes", "main form[method=post]", "", me),
            new($"/questionnaire/{questionnaire}", "main form[method=post]", "", anonymous),
            new("/me/settings", "main form[action*='handler=Preferences']", "", me),
            new("/me/settings", "main form[action*='handler=Password']", "", me),
            new("/admin/settings", "main form", "", admin),
            new("/admin/email-test", "main form[method=post]", "", admin),
            new("/Identity/Account/Manage/TwoFactor", "main form[action*='handler=Enable']", "", clinician),
        ];
    }

    [Fact]
    public async Task Hostile_values_in_every_field_never_break_a_page()
    {
        var failures = new List<string>();
        var posts = 0;
        foreach (var form in await FormsAsync())
        {
            var (get, page) = await form.Client.GetPageAsync(form.Url);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {form.Url}: {(int)get.StatusCode}");
            var element = page.QuerySelector<IHtmlFormElement>(form.Selector) ?? throw new InvalidOperationException($"No form {form.Selector} on {form.Url}");
            var fields = element.Elements.Where(e => e is IHtmlInputElement { Type: not ("hidden" or "submit" or "checkbox" or "radio" or "button") } or IHtmlTextAreaElement or IHtmlSelectElement)
                .Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken").Distinct().ToList();
            var action = form.Handler == "GET" ? null
                : string.IsNullOrEmpty(element.GetAttribute("action")) ? form.Url + form.Handler : element.GetAttribute("action")!;
            foreach (var field in fields)
            {
                foreach (var value in Corpus)
                {
                    posts++;
                    HttpResponseMessage response;
                    IHtmlDocument back;
                    if (action is null)
                    {
                        var query = string.Join("&", PortalClient.FormFields(element).Where(f => f.Key != field)
                            .Append(new(field!, value)).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
                        (response, back) = await form.Client.GetPageAsync(form.Url.Split('?')[0] + "?" + query);
                    }
                    else
                    {
                        (response, back) = await form.Client.PostPageAsync(page, action, [new(field!, value)], form.Selector);
                    }
                    var where = $"{form.Url} {field}={Show(value)}";
                    if ((int)response.StatusCode >= 500) failures.Add($"{where}: {(int)response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var html = back.DocumentElement.OuterHtml;
                        if (html.Contains("<script>alert", StringComparison.Ordinal)) failures.Add($"{where}: the script came back unencoded");
                        if (html.Contains("Exception", StringComparison.Ordinal) && html.Contains("   at ", StringComparison.Ordinal)) failures.Add($"{where}: a stack trace");
                    }
                    if (response.StatusCode == HttpStatusCode.BadRequest && action is not null) failures.Add($"{where}: 400 without a page to correct it");
                }
            }
        }
        output.WriteLine($"{posts} hostile submissions over {Corpus.Length} values");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Refused_values_get_a_message_beside_the_field_and_save_nothing()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        foreach (var (field, value) in new[] { ("Input.FirstName", "   "), ("Input.LastName", new string('x', 10_000)), ("Input.TimeZoneId", "Not/A_Zone"), ("Input.DateOfBirth", "2026-02-31"), ("Input.Email", "<script>alert(1)</script>") })
        {
            var lastName = "Corpus" + TestData.Unique();
            var response = await clinician.SubmitFormAsync("/clinic/patients/new", new Dictionary<string, string>
            {
                ["Input.FirstName"] = "Test", ["Input.LastName"] = lastName, [field] = value,
            }, "main form[method=post]");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
            var message = page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim();
            Assert.False(string.IsNullOrEmpty(message), $"no message beside {field} for {Show(value)}");
            await using var s = factory.SystemDb();
            Assert.False(s.Db.Patients.Any(p => p.LastName == lastName), $"{field}={Show(value)} was saved");
        }
    }

    [Fact]
    public async Task What_is_saved_is_exactly_what_was_typed_and_shown_encoded()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        const string first = "Zoë <b>bold</b> 😀";
        var last = "O'Brien-\"" + TestData.Unique() + "\" مرحبا";
        const string notes = "<script>alert('pwned')</script>\n'; DROP TABLE \"Patients\"; --";
        var response = await clinician.SubmitFormAsync("/clinic/patients/new", new Dictionary<string, string>
        {
            ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.Notes"] = notes,
        }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detailsUrl = response.Headers.Location!.OriginalString;

        await using (var s = factory.SystemDb())
        {
            var saved = s.Db.Patients.Single(p => p.LastName == last);
            Assert.Equal(first, saved.FirstName);
            Assert.Equal(notes, saved.Notes);
        }
        var html = await (await clinician.GetAsync(detailsUrl)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        var page = PortalClient.Parse(html);
        Assert.Contains(first, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(notes.Replace("\n", " ", StringComparison.Ordinal), page.Body!.TextContent.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_or_with_duplicate_fields_is_refused_cleanly()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var lastName = "NoToken" + TestData.Unique();
        var noToken = await clinician.Http.PostAsync("/clinic/patients/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.FirstName"] = "A", ["Input.LastName"] = lastName, ["Input.TimeZoneId"] = "Europe/London",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("not right", await noToken.Content.ReadAsStringAsync()); // the friendly 400 page
        await using (var s = factory.SystemDb())
        {
            Assert.False(s.Db.Patients.Any(p => p.LastName == lastName));
        }

        var duplicate = await clinician.SubmitFormAsync("/clinic/patients/new",
            [new("Input.FirstName", "One"), new("Input.FirstName", "Two"), new("Input.LastName", lastName)], "main form[method=post]");
        Assert.True((int)duplicate.StatusCode < 500);
    }

    private static string Show(string value) => value.Length > 30 ? $"({value.Length} chars)" : value.Replace("\u0001", "\\u0001", StringComparison.Ordinal);
}
