using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Patients;

/// <summary>The patient list, the new/edit form and archiving, through the real pages on the real PostgreSQL.</summary>
[Collection(PortalCollection.Name)]
public class PatientListAndFormTests(PortalFactory factory)
{
    private const string NewUrl = "/clinic/patients/new";

    /// <summary>Today where the test clinics are (Europe/London), as the pages see it.</summary>
    private static DateOnly Today =>
        SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date.ToDateOnly();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static List<KeyValuePair<string, string>> Valid(string first, string last) =>
    [
        F("Input.FirstName", first),
        F("Input.LastName", last),
        F("Input.Email", $"{TestData.Unique()}@test.example"),
    ];

    private async Task<(Core.Clinics.Clinic Clinic, PortalClient Client)> ClinicianAsync()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        return (clinic, client);
    }

    private async Task<List<Patient>> PatientsOfAsync(Guid clinicId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.Patients.AsNoTracking().Where(p => p.ClinicId == clinicId).ToListAsync();
    }

    private static Guid PatientIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/clinic/patients/[0-9a-f-]{36}$", location);
        return Guid.Parse(location["/clinic/patients/".Length..]);
    }

    private static async Task<IHtmlDocument> PageOf(HttpResponseMessage response) =>
        PortalClient.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The names shown in the list, in order ("Last, First").</summary>
    private static async Task<List<string>> ListedNames(PortalClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. page.QuerySelectorAll("table.patient-table tbody tr td:first-child a").Select(a => a.TextContent.Trim())];
    }

    private async Task AddActivePrescriptionAsync(Guid clinicId, Guid patientId) =>
        await factory.PrescriptionAsync(clinicId, patientId, Today);

    [Fact]
    public async Task A_new_patient_is_stored_with_every_field_as_typed()
    {
        var (clinic, client) = await ClinicianAsync();
        var form = await client.GetPageAsync(NewUrl);
        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        // The time zone defaults to the clinic's, the reminder time to 08:00.
        Assert.Equal("Europe/London", ((IHtmlSelectElement)form.Document.QuerySelector("select[name='Input.TimeZoneId']")!).Value);
        Assert.Equal("08:00", ((IHtmlInputElement)form.Document.QuerySelector("input[name='Input.ReminderTime']")!).Value);

        var due = Today.AddDays(150);
        var email = $"Zoe.{TestData.Unique()}@Test.example";
        var response = await client.SubmitFormAsync(NewUrl, new List<KeyValuePair<string, string>>
        {
            F("Input.FirstName", "  Zoë 🧘‍♀️ "),
            F("Input.LastName", "<script>alert('x')</script> نور"),
            F("Input.DateOfBirth", "1990-02-28"),
            F("Input.Email", "  " + email + " "),
            F("Input.TimeZoneId", "America/New_York"),
            F("Input.ReminderTime", "07:30"),
            F("Input.EmailConsent", "true"),
            F("Input.Conditions", "Pregnancy"),
            F("Input.Conditions", "Sciatica"),
            F("Input.Conditions", "LowerBack"),
            F("Input.PregnancyDueDate", Iso(due)),
            F("Input.SciaticaSide", "Left"),
            F("Input.RedFlagAnswers", "MajorTrauma"),
            F("Input.RedFlagAnswers", "PregnancyPlacentaPrevia"),
            F("Input.Notes", "Line one\r\nLine two — with ümlauts"),
        });
        var id = PatientIdFrom(response);

        var p = Assert.Single(await PatientsOfAsync(clinic.Id));
        Assert.Equal(id, p.Id);
        Assert.Equal("Zoë 🧘‍♀️", p.FirstName);
        Assert.Equal("<script>alert('x')</script> نور", p.LastName);
        Assert.Equal(new DateOnly(1990, 2, 28), p.DateOfBirth);
        Assert.Equal(email, p.Email);
        Assert.Equal("America/New_York", p.TimeZoneId);
        Assert.Equal(new TimeOnly(7, 30), p.ReminderTime);
        Assert.True(p.EmailConsent);
        Assert.Equal(ConditionSet.Pregnancy | ConditionSet.Sciatica | ConditionSet.LowerBack, p.Conditions);
        Assert.Equal(due, p.PregnancyDueDate);
        Assert.Equal(AffectedSide.Left, p.SciaticaSide);
        Assert.Equal(RedFlags.MajorTrauma | RedFlags.PregnancyPlacentaPrevia, p.RedFlags);
        Assert.Equal("Line one\nLine two — with ümlauts", p.Notes);
        Assert.Null(p.ArchivedAt);
        Assert.InRange(p.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // The list shows the name as text: the markup in it is encoded, never run.
        var listResponse = await client.GetAsync("/clinic/patients");
        var html = await listResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var list = PortalClient.Parse(html);
        var link = Assert.Single(list.QuerySelectorAll("table.patient-table tbody a"));
        Assert.Equal($"/clinic/patients/{id}", link.GetAttribute("href"));
        Assert.Equal("<script>alert('x')</script> نور, Zoë 🧘‍♀️", link.TextContent.Trim());
        var badges = list.QuerySelectorAll("table.patient-table tbody td:nth-child(3) .badge-group").Select(b => b.TextContent).ToList();
        Assert.Equal(["Lower back", "Pregnancy", "Sciatica"], badges);
    }

    [Fact]
    public async Task The_edit_form_shows_the_stored_values_and_saves_changes()
    {
        var (clinic, client) = await ClinicianAsync();
        var due = Today.AddDays(120);
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.FirstName = "Edith";
            p.LastName = "Original";
            p.DateOfBirth = new DateOnly(1980, 1, 2);
            p.TimeZoneId = "Europe/Paris";
            p.ReminderTime = new TimeOnly(18, 45);
            p.Conditions = ConditionSet.Pregnancy | ConditionSet.Sciatica;
            p.PregnancyDueDate = due;
            p.SciaticaSide = AffectedSide.Both;
            p.RedFlags = RedFlags.NightOrRestPain | RedFlags.PregnancyPreEclampsia;
            p.Notes = "Keep me";
        });
        var url = $"/clinic/patients/{patient.Id}/edit";

        var (get, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var expectedTrimester = Core.Safety.SafetyRules.Trimester(due, Today);
        Assert.Contains($"Trimester {expectedTrimester} today", page.Body!.TextContent);

        // Posting the form back unchanged except the last name keeps every other field.
        var saved = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.LastName"] = "Changed" });
        Assert.Equal(patient.Id, PatientIdFrom(saved));
        var p = Assert.Single(await PatientsOfAsync(clinic.Id));
        Assert.Equal("Edith", p.FirstName);
        Assert.Equal("Changed", p.LastName);
        Assert.Equal(new DateOnly(1980, 1, 2), p.DateOfBirth);
        Assert.Equal(patient.Email, p.Email);
        Assert.Equal("Europe/Paris", p.TimeZoneId);
        Assert.Equal(new TimeOnly(18, 45), p.ReminderTime);
        Assert.True(p.EmailConsent);
        Assert.Equal(ConditionSet.Pregnancy | ConditionSet.Sciatica, p.Conditions);
        Assert.Equal(due, p.PregnancyDueDate);
        Assert.Equal(AffectedSide.Both, p.SciaticaSide);
        Assert.Equal(RedFlags.NightOrRestPain | RedFlags.PregnancyPreEclampsia, p.RedFlags);
        Assert.Equal("Keep me", p.Notes);
        Assert.Equal(patient.CreatedAt.ToUnixTimeSeconds(), p.CreatedAt.ToUnixTimeSeconds());

        // Unticking every condition and consent clears the condition details too.
        var form = (IHtmlFormElement)(await client.GetPageAsync(url)).Document.QuerySelector("main form")!;
        var fields = PortalClient.FormFields(form)
            .Where(f => f.Key is not ("Input.Conditions" or "Input.EmailConsent"))
            .Append(F("Input.EmailConsent", "false"))
            .ToList();
        var cleared = await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
        PatientIdFrom(cleared);
        p = Assert.Single(await PatientsOfAsync(clinic.Id));
        Assert.Equal(ConditionSet.None, p.Conditions);
        Assert.Null(p.PregnancyDueDate);
        Assert.Null(p.SciaticaSide);
        Assert.False(p.EmailConsent);
    }

    public static TheoryData<string, string, string, string> Refusals()
    {
        var today = Today;
        return new()
        {
            // field posted, value, field whose message shows, part of the message
            { "Input.DateOfBirth", "-1990-05-01", "Input.DateOfBirth", "as a date" },
            { "Input.DateOfBirth", "2024-13-45", "Input.DateOfBirth", "as a date" },
            { "Input.DateOfBirth", "1900-06-01", "Input.DateOfBirth", "after 1900" },
            { "Input.DateOfBirth", "0001-01-01", "Input.DateOfBirth", "after 1900" },
            { "Input.DateOfBirth", Iso(today.AddDays(3)), "Input.DateOfBirth", "cannot be in the future" },
            { "Input.TimeZoneId", "Mars/Olympus_Mons", "Input.TimeZoneId", "not a known IANA time zone" },
            { "Input.TimeZoneId", "", "Input.TimeZoneId", "Choose the patient's time zone" },
            { "Input.FirstName", new string('A', 5000), "Input.FirstName", "at most 100 characters" },
            { "Input.FirstName", "   ", "Input.FirstName", "Enter the first name" },
            { "Input.LastName", "Bad\u0001Name", "Input.LastName", "cannot be stored" },
            { "Input.Notes", "Bell\u0007", "Input.Notes", "cannot be stored" },
            { "Input.LastName", "Line\nbreak", "Input.LastName", "cannot be stored" },
            { "Input.Email", "not-an-email", "Input.Email", "valid email address" },
            { "Input.Email", "a@b.c@d.example", "Input.Email", "valid email address" },
            { "Input.ReminderTime", "25:61", "Input.ReminderTime", "hours and minutes" },
            { "Input.ReminderTime", "", "Input.ReminderTime", "time of day for reminders" },
            { "Input.Notes", new string('n', 4001), "Input.Notes", "at most 4000 characters" },
            { "Input.Conditions", "Pregnancy", "Input.PregnancyDueDate", "Enter the due date" },
            { "Input.Conditions", "Sciatica", "Input.SciaticaSide", "Choose the side" },
            { "Input.Conditions", "Knees", "Input.Conditions", "from the list only" },
            { "Input.SciaticaSide", "Middle", "Input.SciaticaSide", "left, right or both" },
            { "Input.RedFlagAnswers", "Nonsense", "Input.RedFlagAnswers", "from the list only" },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Nonsense_is_refused_beside_the_field_and_nothing_is_saved(string field, string value, string messageField, string message)
    {
        var (clinic, client) = await ClinicianAsync();
        var values = Valid("Valid", "Person").Where(f => f.Key != field).Append(F(field, value)).ToList();

        var response = await client.SubmitFormAsync(NewUrl, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageOf(response);
        var beside = page.QuerySelector($"span[data-valmsg-for='{messageField}']");
        Assert.NotNull(beside);
        Assert.Contains(message, beside!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was saved", page.Body!.TextContent);
        Assert.Empty(await PatientsOfAsync(clinic.Id));
    }

    [Fact]
    public async Task A_NUL_character_is_refused_by_the_form_reader_and_nothing_is_saved()
    {
        // ASP.NET Core refuses NUL in a form body before the page runs (400), which PostgreSQL could not store anyway.
        var (clinic, client) = await ClinicianAsync();
        var response = await client.SubmitFormAsync(NewUrl, Valid("Nul", "Bad\u0000Name"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PatientsOfAsync(clinic.Id));
    }

    [Theory]
    [InlineData(-15)]
    [InlineData(42 * 7 + 1)]
    public async Task A_due_date_outside_a_current_pregnancy_is_refused(int daysFromToday)
    {
        var (clinic, client) = await ClinicianAsync();
        var values = Valid("Mara", "Due");
        values.Add(F("Input.Conditions", "Pregnancy"));
        values.Add(F("Input.PregnancyDueDate", Iso(Today.AddDays(daysFromToday))));
        var response = await client.SubmitFormAsync(NewUrl, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var beside = (await PageOf(response)).QuerySelector("span[data-valmsg-for='Input.PregnancyDueDate']")!;
        Assert.Contains("2 weeks ago to 42 weeks from today", beside.TextContent);
        Assert.Empty(await PatientsOfAsync(clinic.Id));
    }

    [Fact]
    public async Task A_refused_edit_changes_nothing()
    {
        var (clinic, client) = await ClinicianAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Stays");
        var response = await client.SubmitFormAsync($"/clinic/patients/{patient.Id}/edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Changed",
            ["Input.TimeZoneId"] = "Not/AZone",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a known IANA time zone", (await PageOf(response)).QuerySelector("span[data-valmsg-for='Input.TimeZoneId']")!.TextContent);
        var p = Assert.Single(await PatientsOfAsync(clinic.Id));
        Assert.Equal("Stays", p.FirstName);
        Assert.Equal("Europe/London", p.TimeZoneId);
    }

    [Fact]
    public async Task Search_finds_patients_by_part_of_the_name_or_the_email()
    {
        var (clinic, client) = await ClinicianAsync();
        var tag = TestData.Unique();
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Harriet"; p.LastName = "Quimby" + tag; p.Email = $"hq-{tag}@flyers.example"; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Amelia"; p.LastName = "Earhart" + tag; p.Email = $"ae-{tag}@flyers.example"; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Bessie"; p.LastName = "Coleman" + tag; p.Email = null; });

        Assert.Equal([$"Quimby{tag}, Harriet"], await ListedNames(client, "/clinic/patients?q=QUIMB"));
        Assert.Equal([$"Earhart{tag}, Amelia"], await ListedNames(client, "/clinic/patients?q=amelia+earh"));
        Assert.Equal([$"Earhart{tag}, Amelia"], await ListedNames(client, $"/clinic/patients?q=ae-{tag}%40"));
        Assert.Equal([$"Earhart{tag}, Amelia", $"Quimby{tag}, Harriet"], await ListedNames(client, "/clinic/patients?q=flyers.example"));
        Assert.Equal([$"Coleman{tag}, Bessie"], await ListedNames(client, "/clinic/patients?q=bessie"));
        // LIKE wildcards are searched for literally, and a NUL or a huge query is harmless.
        Assert.Empty(await ListedNames(client, "/clinic/patients?q=%25%25_"));
        Assert.Empty(await ListedNames(client, "/clinic/patients?q=zz%00zz"));
        Assert.Empty(await ListedNames(client, "/clinic/patients?q=" + new string('x', 5000)));
        var (none, page) = await client.GetPageAsync("/clinic/patients?q=nobody-by-that-name");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("No patients match", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_search_of_one_or_two_letters_matches_the_start_of_a_name_or_the_email_in_name_order_and_only_in_the_clinic()
    {
        var (clinic, client) = await ClinicianAsync();
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Zoe"; p.LastName = "Smalls"; p.Email = null; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Smita"; p.LastName = "Patel"; p.Email = null; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Ann"; p.LastName = "Bell"; p.Email = "SMB@example.org"; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Adam"; p.LastName = "Smalls"; p.Email = null; });
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Ali"; p.LastName = "Osman"; p.Email = "ali@example.org"; }); // "sm" inside only
        await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Old"; p.LastName = "Smart"; p.ArchivedAt = DateTimeOffset.UtcNow; });
        var other = await factory.ClinicAsync();
        await factory.PatientAsync(other.Id, p => { p.FirstName = "Sam"; p.LastName = "Smith"; });

        Assert.Equal(["Bell, Ann", "Patel, Smita", "Smalls, Adam", "Smalls, Zoe"], await ListedNames(client, "/clinic/patients?q=SM"));
        Assert.Equal(["Bell, Ann", "Patel, Smita", "Smalls, Adam", "Smalls, Zoe"], await ListedNames(client, "/clinic/patients?q=s"));
        Assert.Equal(["Smalls, Zoe"], await ListedNames(client, "/clinic/patients?q=sm+z"));
        Assert.Equal(["Smart, Old"], await ListedNames(client, "/clinic/patients?q=sm&status=archived"));
        Assert.Equal(["Osman, Ali"], await ListedNames(client, "/clinic/patients?q=osm"));
        // Wildcards are literal in a short word too.
        Assert.Empty(await ListedNames(client, "/clinic/patients?q=%25"));
        Assert.Empty(await ListedNames(client, "/clinic/patients?q=_"));
    }

    [Fact]
    public async Task Filters_by_condition_and_by_prescription_status()
    {
        var (clinic, client) = await ClinicianAsync();
        var active = await factory.PatientAsync(clinic.Id, p => { p.LastName = "Active"; p.Conditions = ConditionSet.Sciatica | ConditionSet.Core; });
        await factory.PatientAsync(clinic.Id, p => { p.LastName = "Idle"; p.Conditions = ConditionSet.Scoliosis; });
        await factory.PatientAsync(clinic.Id, p => { p.LastName = "Gone"; p.Conditions = ConditionSet.Sciatica; p.ArchivedAt = DateTimeOffset.UtcNow; });
        await AddActivePrescriptionAsync(clinic.Id, active.Id);

        Assert.Equal(["Active, Pat", "Idle, Pat"], await ListedNames(client, "/clinic/patients"));
        Assert.Equal(["Active, Pat"], await ListedNames(client, "/clinic/patients?condition=Sciatica"));
        Assert.Equal(["Active, Pat"], await ListedNames(client, "/clinic/patients?condition=core"));
        Assert.Equal(["Idle, Pat"], await ListedNames(client, "/clinic/patients?condition=Scoliosis"));
        Assert.Equal(["Active, Pat"], await ListedNames(client, "/clinic/patients?status=active"));
        Assert.Equal(["Idle, Pat"], await ListedNames(client, "/clinic/patients?status=none"));
        Assert.Equal(["Gone, Pat"], await ListedNames(client, "/clinic/patients?status=archived"));
        Assert.Equal(["Gone, Pat"], await ListedNames(client, "/clinic/patients?status=archived&condition=Sciatica"));
        Assert.Empty(await ListedNames(client, "/clinic/patients?status=none&condition=Sciatica"));

        var (_, page) = await client.GetPageAsync("/clinic/patients?status=active");
        var row = page.QuerySelector("table.patient-table tbody tr")!;
        Assert.Contains("Active", row.QuerySelector("td:last-child")!.TextContent);
        var (_, archived) = await client.GetPageAsync("/clinic/patients?status=archived");
        Assert.NotNull(archived.QuerySelector("table.patient-table tbody tr .badge.text-bg-secondary"));

        // Unknown filter values are reported and ignored, never a 500.
        var (unknown, unknownPage) = await client.GetPageAsync("/clinic/patients?condition=Elbows&status=sleeping");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("That condition does not exist", unknownPage.Body!.TextContent);
        Assert.Contains("That status does not exist", unknownPage.Body!.TextContent);
        Assert.Equal(2, unknownPage.QuerySelectorAll("table.patient-table tbody tr").Length);
    }

    [Fact]
    public async Task Paging_shows_25_a_page_in_name_order_and_survives_bad_page_numbers()
    {
        var (clinic, client) = await ClinicianAsync();
        await using (var s = factory.SystemDb())
        {
            for (var i = 1; i <= 30; i++)
            {
                s.Db.Patients.Add(new Patient
                {
                    Id = Guid.NewGuid(),
                    ClinicId = clinic.Id,
                    FirstName = "P",
                    LastName = $"Page{i:00}",
                    TimeZoneId = "Europe/London",
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }
            await s.Db.SaveChangesAsync();
        }
        var all = Enumerable.Range(1, 30).Select(i => $"Page{i:00}, P").ToList();

        Assert.Equal(all[..25], await ListedNames(client, "/clinic/patients"));
        Assert.Equal(all[25..], await ListedNames(client, "/clinic/patients?page=2"));

        var (first, firstPage) = await client.GetPageAsync("/clinic/patients");
        Assert.Contains("Showing 1–25 of 30 patients", firstPage.Body!.TextContent);
        // The next page is read on from this page's last patient (keyset), and shows what page=2 shows.
        var next = firstPage.QuerySelector("nav[aria-label='Patient list pages'] a[rel=next]")!.GetAttribute("href")!;
        Assert.StartsWith("/clinic/patients?page=2&after=", next, StringComparison.Ordinal);
        Assert.Equal(all[25..], await ListedNames(client, next));
        Assert.Equal(all[25..], await ListedNames(client, "/clinic/patients?page=2&after=not-a-patient"));

        foreach (var bad in new[] { "-1", "0", "abc", "1.5", "99999999999999999999" })
        {
            var (response, page) = await client.GetPageAsync("/clinic/patients?page=" + bad);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("showing the first page", page.Body!.TextContent);
            Assert.Equal(25, page.QuerySelectorAll("table.patient-table tbody tr").Length);
        }
        var (beyond, beyondPage) = await client.GetPageAsync("/clinic/patients?page=999999");
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Contains("There are only 2 pages; showing the last one", beyondPage.Body!.TextContent);
        Assert.Equal(all[25..], await ListedNames(client, "/clinic/patients?page=999999"));

        // A search pages the same way (it sorts its matches instead of walking the name index).
        Assert.Equal(all[..25], await ListedNames(client, "/clinic/patients?q=page"));
        Assert.Equal(all[25..], await ListedNames(client, "/clinic/patients?q=page&page=2"));
        Assert.Equal(all[25..], await ListedNames(client, "/clinic/patients?q=page&page=3"));

        // Filters are kept in the page links.
        var (_, filtered) = await client.GetPageAsync("/clinic/patients?q=page&status=none");
        Assert.StartsWith("/clinic/patients?q=page&status=none&page=2&after=",
            filtered.QuerySelector("nav[aria-label='Patient list pages'] a[rel=next]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_big_clinic_counts_to_1000_then_says_more_and_deep_pages_still_work()
    {
        var (clinic, client) = await ClinicianAsync();
        await using (var s = factory.SystemDb())
        {
            await s.Db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Patients" ("Id", "ClinicId", "FirstName", "LastName", "TimeZoneId", "ReminderTime", "EmailConsent",
                                        "Conditions", "RedFlags", "CreatedAt")
                SELECT gen_random_uuid(), {clinic.Id}, 'B', 'Bulk' || lpad(n::text, 5, '0'), 'Europe/London', '08:00', false, 0, 0, now()
                FROM generate_series(1, 5030) AS n
                """);
        }

        var (_, first) = await client.GetPageAsync("/clinic/patients");
        Assert.Contains("Showing 1–25 of more than 1,000 patients", first.Body!.TextContent);
        Assert.StartsWith("/clinic/patients?page=2&after=", first.QuerySelector("nav[aria-label='Patient list pages'] a[rel=next]")!.GetAttribute("href"), StringComparison.Ordinal);

        // Past the first 1 000, the list looks one page ahead of the page asked for.
        Assert.Equal(["Bulk05026, B", "Bulk05027, B", "Bulk05028, B", "Bulk05029, B", "Bulk05030, B"], await ListedNames(client, "/clinic/patients?page=202"));
        var (_, last) = await client.GetPageAsync("/clinic/patients?page=202");
        Assert.Contains("Showing 5,026–5,030 of 5,030 patients", last.Body!.TextContent);
        Assert.Null(last.QuerySelector("nav[aria-label='Patient list pages'] a[rel=next]"));
        Assert.Equal(Enumerable.Range(4001, 25).Select(i => $"Bulk{i:00000}, B"), await ListedNames(client, "/clinic/patients?page=161"));
        var (_, deep) = await client.GetPageAsync("/clinic/patients?page=161");
        Assert.Contains("Showing 4,001–4,025 of more than 4,025 patients", deep.Body!.TextContent);
        // Reached by "Next" from page 160, the page is read on from 160's last patient (keyset) and is the same.
        var (_, before) = await client.GetPageAsync("/clinic/patients?page=160");
        var next = before.QuerySelector("nav[aria-label='Patient list pages'] a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("&after=", next, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(4001, 25).Select(i => $"Bulk{i:00000}, B"), await ListedNames(client, next));
        var (_, viaNext) = await client.GetPageAsync(next);
        Assert.Contains("Showing 4,001–4,025 of more than 4,025 patients", viaNext.Body!.TextContent);
        var (_, beyond) = await client.GetPageAsync("/clinic/patients?page=999");
        Assert.Contains("There are only 202 pages; showing the last one", beyond.Body!.TextContent);
        Assert.Contains("Showing 5,026–5,030 of 5,030 patients", beyond.Body!.TextContent);
        // A search with many matches pages the same way.
        Assert.Equal(Enumerable.Range(26, 25).Select(i => $"Bulk{i:00000}, B"), await ListedNames(client, "/clinic/patients?q=bulk&page=2"));
    }

    [Fact]
    public async Task A_clinician_of_another_clinic_gets_404_and_never_sees_the_patient()
    {
        var clinicA = await factory.ClinicAsync();
        var tag = TestData.Unique();
        var patient = await factory.PatientAsync(clinicA.Id, p => { p.FirstName = "Secret"; p.LastName = "Person" + tag; });
        var (_, clientB) = await ClinicianAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/clinic/patients/{patient.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/clinic/patients/{patient.Id}/archive")).StatusCode);

        // POSTs with a valid antiforgery token (from a form clinic B may open) are answered 404 too.
        var token = (await clientB.GetPageAsync(NewUrl)).Document
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var edit = Valid("Hijacked", "Name").Append(F("Input.TimeZoneId", "Europe/London")).Append(F("Input.ReminderTime", "08:00"))
            .Append(F("__RequestVerificationToken", token)).ToList();
        var tokenOnly = new[] { F("__RequestVerificationToken", token) };
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.Http.PostAsync($"/clinic/patients/{patient.Id}/edit", new FormUrlEncodedContent(edit))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.Http.PostAsync($"/clinic/patients/{patient.Id}/archive", new FormUrlEncodedContent(tokenOnly))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.Http.PostAsync($"/clinic/patients/{patient.Id}/archive?handler=restore", new FormUrlEncodedContent(tokenOnly))).StatusCode);

        var stored = Assert.Single(await PatientsOfAsync(clinicA.Id));
        Assert.Equal("Secret", stored.FirstName);
        Assert.Null(stored.ArchivedAt);

        foreach (var url in new[] { "/clinic/patients", $"/clinic/patients?q=person{tag}", $"/clinic/patients?q={patient.Email}", "/clinic/patients?status=none", "/clinic/patients?status=archived" })
        {
            var (response, page) = await clientB.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(tag, page.Body!.TextContent);
        }
    }

    [Fact]
    public async Task Archive_asks_first_then_hides_the_patient_and_restore_brings_them_back()
    {
        var (clinic, client) = await ClinicianAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Emma"; p.LastName = "Clarke"; });
        var url = $"/clinic/patients/{patient.Id}/archive";

        var (get, confirm) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Archive Emma Clarke?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Contains("Nothing is deleted", confirm.Body!.TextContent);
        Assert.Null((await PatientsOfAsync(clinic.Id)).Single().ArchivedAt); // a GET changes nothing

        var archived = await client.SubmitFormAsync(url, new Dictionary<string, string>());
        Assert.Equal(patient.Id, PatientIdFrom(archived));
        Assert.NotNull((await PatientsOfAsync(clinic.Id)).Single().ArchivedAt);
        Assert.Empty(await ListedNames(client, "/clinic/patients"));
        Assert.Equal(["Clarke, Emma"], await ListedNames(client, "/clinic/patients?status=archived"));

        var (_, restorePage) = await client.GetPageAsync(url);
        Assert.Contains("Restore Emma Clarke?", restorePage.QuerySelector("h1")!.TextContent);
        var restored = await client.SubmitFormAsync(url, new Dictionary<string, string>());
        Assert.Equal(patient.Id, PatientIdFrom(restored));
        var p = Assert.Single(await PatientsOfAsync(clinic.Id));
        Assert.Null(p.ArchivedAt);
        Assert.Equal(["Clarke, Emma"], await ListedNames(client, "/clinic/patients"));
    }

    [Fact]
    public async Task An_empty_clinic_is_invited_to_add_its_first_patient()
    {
        var (_, client) = await ClinicianAsync();
        var (response, page) = await client.GetPageAsync("/clinic/patients");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your clinic has no patients yet", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/clinic/patients/new']"));
    }

    [Fact]
    public async Task Anonymous_visitors_and_patients_are_kept_out()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (patientClient, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        foreach (var url in new[] { "/clinic/patients", NewUrl, $"/clinic/patients/{patient.Id}/edit", $"/clinic/patients/{patient.Id}/archive" })
        {
            var anonymous = await factory.Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/Identity/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
            var asPatient = await patientClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, asPatient.StatusCode);
            Assert.StartsWith("/Identity/Account/AccessDenied", asPatient.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
    }
}
