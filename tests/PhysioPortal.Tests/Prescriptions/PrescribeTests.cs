using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Prescriptions;

/// <summary>The prescription builder through its real pages (GET the form, POST it with its token) on PostgreSQL.</summary>
[Collection(PortalCollection.Name)]
public class PrescribeTests(PortalFactory factory)
{
    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private static string Url(Guid patientId, string? handler = null) =>
        $"/clinic/patients/{patientId}/prescribe" + (handler is null ? "" : $"?handler={handler}");

    private static int IndexOf(IHtmlDocument page, string exerciseName) =>
        page.QuerySelectorAll(".builder-item h3").Select(h => h.TextContent.Trim()).ToList()
            .FindIndex(t => t.EndsWith(". " + exerciseName, StringComparison.Ordinal));

    private async Task<(PortalClient Client, Patient Patient, Guid ClinicId)> ClinicianWithPatientAsync(Action<Patient> configure)
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, configure);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        return (client, patient, clinic.Id);
    }

    [Fact]
    public async Task Scoliosis_template_with_a_changed_dosage_is_saved_as_a_snapshot_then_edited_into_version_2()
    {
        var (client, patient, _) = await ClinicianWithPatientAsync(p => p.Conditions = ConditionSet.Scoliosis);

        var (get, page) = await client.GetPageAsync(Url(patient.Id));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        // Pre-selected by the patient's condition.
        Assert.Equal("scoliosis", page.QuerySelector<IHtmlSelectElement>("#templateSlug")!.Value);
        var template = ExerciseLibrary.Templates.Single(t => t.Slug == "scoliosis");
        Assert.Equal(template.Items.Length, page.QuerySelectorAll(".builder-item").Length);

        var sidePlank = IndexOf(page, "Side Plank");
        Assert.True(sidePlank >= 0);
        var (saved, _) = await client.PostPageAsync(page, Url(patient.Id, "Save"), [
            F($"Input.Items[{sidePlank}].HoldMinSeconds", "20"), F($"Input.Items[{sidePlank}].HoldMaxSeconds", "40")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/clinic/patients/{patient.Id}", saved.Headers.Location!.OriginalString);

        await using (var s = factory.SystemDb())
        {
            var rx = await s.Db.Prescriptions.Include(p => p.Versions).ThenInclude(v => v.Exercises).SingleAsync(p => p.PatientId == patient.Id);
            var v1 = Assert.Single(rx.Versions);
            Assert.Equal(1, v1.Number);
            Assert.Equal(template.Items.Select(i => i.ExerciseSlug), v1.Exercises.OrderBy(e => e.Position).Select(e => e.Slug));
            var snap = v1.Exercises.Single(e => e.Slug == "side-plank");
            var library = await s.Db.Exercises.SingleAsync(e => e.ClinicId == null && e.Slug == "side-plank");
            Assert.Equal(library.Steps, snap.Steps); // the content is copied, not referenced
            Assert.Equal(library.Name, snap.Name);
            Assert.Equal(20, snap.Dosage.HoldMinSeconds);
            Assert.Equal(40, snap.Dosage.HoldMaxSeconds);
            Assert.Empty(v1.AcknowledgedWarnings);
        }

        // The details page shows it; the builder now edits it.
        var (_, details) = await client.GetPageAsync($"/clinic/patients/{patient.Id}");
        Assert.Contains("hold 20–40 s", details.Body!.TextContent);
        var (_, edit) = await client.GetPageAsync(Url(patient.Id));
        Assert.Contains("version 1", edit.QuerySelector("h1")!.TextContent);
        var bridgeIndex = IndexOf(edit, "Side Plank");
        var (v2, _) = await client.PostPageAsync(edit, Url(patient.Id, "Save"), [F($"Input.Items[{bridgeIndex}].HoldMaxSeconds", "45")]);
        Assert.Equal(HttpStatusCode.Redirect, v2.StatusCode);

        await using (var s = factory.SystemDb())
        {
            var rx = await s.Db.Prescriptions.Include(p => p.Versions).ThenInclude(v => v.Exercises).SingleAsync(p => p.PatientId == patient.Id);
            Assert.Equal(2, rx.CurrentVersionNumber);
            var versions = rx.Versions.OrderBy(v => v.Number).ToList();
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.Equal(40, versions[0].Exercises.Single(e => e.Slug == "side-plank").Dosage.HoldMaxSeconds); // v1 kept
            Assert.Equal(45, versions[1].Exercises.Single(e => e.Slug == "side-plank").Dosage.HoldMaxSeconds);
            Assert.Equal("Side Plank hold 20–40 s → 20–45 s", versions[1].ChangeSummary);
        }

        // The old version stays readable, with its date and author.
        var rxId = (await factory.SystemDb().Db.Prescriptions.SingleAsync(p => p.PatientId == patient.Id)).Id;
        var (old, oldPage) = await client.GetPageAsync($"/clinic/prescriptions/{rxId}/versions/1");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("earlier version", oldPage.Body!.TextContent);
        Assert.Contains("hold 20–40 s", oldPage.Body.TextContent);
    }

    [Fact]
    public async Task Saving_without_changes_makes_no_version_and_plans_no_email()
    {
        var (client, patient, _) = await ClinicianWithPatientAsync(p => p.Conditions = ConditionSet.LowerBack);
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        var (first, _) = await client.PostPageAsync(page, Url(patient.Id, "Save"), [F("Input.NoteToPatient", "Little and often.")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        int Rows() => factory.SystemDb().Db.ScheduledEmails.Count(e => e.PatientId == patient.Id);
        var rowsAfterFirst = Rows();
        var mailsAfterFirst = factory.MailTo(patient.Email!).Count;

        // The builder as it opens on version 1, saved as it is (the note's trailing space is not a change either).
        var (_, edit) = await client.GetPageAsync(Url(patient.Id));
        var (again, _) = await client.PostPageAsync(edit, Url(patient.Id, "Save"), [F("Input.NoteToPatient", "Little and often. ")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var (_, details) = await client.GetPageAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("Nothing changed", details.QuerySelector("[role=status]")!.TextContent);

        await using var s = factory.SystemDb();
        var rx = await s.Db.Prescriptions.Include(p => p.Versions).SingleAsync(p => p.PatientId == patient.Id);
        Assert.Equal(1, rx.CurrentVersionNumber);
        Assert.Single(rx.Versions);
        Assert.DoesNotContain(rx.Versions, v => v.ChangeSummary == "no changes");
        Assert.Equal(rowsAfterFirst, Rows());
        Assert.Equal(mailsAfterFirst, factory.MailTo(patient.Email!).Count);
    }

    [Fact]
    public async Task Builder_adds_from_search_moves_and_removes_without_javascript()
    {
        var (client, patient, _) = await ClinicianWithPatientAsync(p => p.Conditions = ConditionSet.LowerBack);
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        var (_, empty) = await client.PostPageAsync(page, Url(patient.Id, "Clear"), []);
        Assert.Empty(empty.QuerySelectorAll(".builder-item"));

        var (_, found) = await client.PostPageAsync(empty, Url(patient.Id, "Search"), [F("Query", "plank")]);
        var addButtons = found.QuerySelectorAll("button[name=add]").Cast<IHtmlButtonElement>().ToList();
        Assert.Equal(2, addButtons.Count); // Plank and Side Plank
        var plankId = addButtons.Single(b => b.GetAttribute("aria-label") == "Add Plank").Value;
        var sideId = addButtons.Single(b => b.GetAttribute("aria-label") == "Add Side Plank").Value;

        var (_, one) = await client.PostPageAsync(found, Url(patient.Id, "Add"), [F("add", plankId)]);
        var (_, two) = await client.PostPageAsync(one, Url(patient.Id, "Add"), [F("add", sideId)]);
        Assert.Equal(0, IndexOf(two, "Plank"));
        Assert.Equal(1, IndexOf(two, "Side Plank"));

        var (_, moved) = await client.PostPageAsync(two, Url(patient.Id, "Up"), [F("index", "1")]);
        Assert.Equal(0, IndexOf(moved, "Side Plank"));

        var (_, removed) = await client.PostPageAsync(moved, Url(patient.Id, "Remove"), [F("index", "0")]);
        Assert.Single(removed.QuerySelectorAll(".builder-item"));
        Assert.Equal(0, IndexOf(removed, "Plank"));

        var (saved, _) = await client.PostPageAsync(removed, Url(patient.Id, "Save"), [F("Input.Title", "Core start")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var s = factory.SystemDb();
        var v = await s.Db.PrescriptionVersions.Include(x => x.Exercises).SingleAsync(x => s.Db.Prescriptions.Any(p => p.Id == x.PrescriptionId && p.PatientId == patient.Id));
        Assert.Equal("Core start", v.Title);
        Assert.Equal(["plank"], v.Exercises.Select(e => e.Slug));
    }

    [Fact]
    public async Task A_pregnant_patient_in_her_second_trimester_gets_warnings_and_saving_needs_acknowledgement()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (client, patient, _) = await ClinicianWithPatientAsync(p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = today.AddDays(140); // day 140 of 280: 20 weeks, second trimester
        });
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        Assert.Equal("pregnancy", page.QuerySelector<IHtmlSelectElement>("#templateSlug")!.Value);

        // Add a prone exercise to the pregnancy template.
        var (_, found) = await client.PostPageAsync(page, Url(patient.Id, "Search"), [F("Query", "prone press")]);
        var proneId = found.QuerySelector<IHtmlButtonElement>("button[name=add]")!.Value;
        var (_, withOneProne) = await client.PostPageAsync(found, Url(patient.Id, "Add"), [F("add", proneId)]);
        // A second face-down exercise: two warnings, so that one tick per warning can be tried.
        var (_, foundSuperman) = await client.PostPageAsync(withOneProne, Url(patient.Id, "Search"), [F("Find.Q", "superman")]);
        var supermanId = foundSuperman.QuerySelector<IHtmlButtonElement>("button[name=add]")!.Value;
        var (_, withProne) = await client.PostPageAsync(foundSuperman, Url(patient.Id, "Add"), [F("add", supermanId)]);

        var warnings = withProne.QuerySelectorAll("#warnings li").Select(li => li.TextContent).ToList();
        Assert.Contains(warnings, w => w.Contains("Prone Press-Ups is done lying face down"));
        // The bridge (a supine hold) came already swapped for a safer exercise, and the builder says so.
        Assert.DoesNotContain(warnings, w => w.Contains("Pregnancy Bridge Pose holds a position lying flat on the back"));
        Assert.Contains("Pregnancy Bridge Pose was swapped for", withProne.QuerySelector(".swap-note")!.TextContent);

        // Saving without the tick is refused and saves nothing.
        var (refused, refusedPage) = await client.PostPageAsync(withProne, Url(patient.Id, "Save"), []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("tick it to confirm", refusedPage.Body!.TextContent);
        Assert.Contains("tick each one", refusedPage.QuerySelector("#warnings-summary")!.TextContent);
        Assert.Equal("#warnings", refusedPage.QuerySelector("#warnings-summary a")!.GetAttribute("href"));
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id));
        }

        // One tick per warning: ticking one of them is not enough, and the tick given stays.
        var ticks = refusedPage.QuerySelectorAll("#warnings input[name='Input.Acknowledged']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(warnings.Count, ticks.Count);
        Assert.True(ticks.Count >= 2);
        var (partial, partialPage) = await client.PostPageAsync(refusedPage, Url(patient.Id, "Save"), [F("Input.Acknowledged", ticks[0])]);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal([ticks[0]], partialPage.QuerySelectorAll("#warnings input[name='Input.Acknowledged']").Cast<IHtmlInputElement>()
            .Where(i => i.IsChecked).Select(i => i.Value));
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id));
        }

        // With every tick it saves, and the acknowledged warnings are stored with the version.
        var (saved, _) = await client.PostPageAsync(refusedPage, Url(patient.Id, "Save"), ticks.Select(t => F("Input.Acknowledged", t)).ToList());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var s = factory.SystemDb())
        {
            var v = await s.Db.PrescriptionVersions.SingleAsync(x => s.Db.Prescriptions.Any(p => p.Id == x.PrescriptionId && p.PatientId == patient.Id));
            Assert.Contains(v.AcknowledgedWarnings, w => w.Contains("Prone Press-Ups is done lying face down"));
            Assert.DoesNotContain(v.AcknowledgedWarnings, w => w.Contains("lying flat on the back"));
        }
    }

    [Fact]
    public async Task An_acknowledgement_counts_only_for_the_warnings_it_saw()
    {
        var (client, patient, _) = await ClinicianWithPatientAsync(p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(140);
        });
        var (_, start) = await client.GetPageAsync(Url(patient.Id));
        // A prone exercise first (the template's own risky ones come swapped): one warning, ticked below.
        var (_, foundProne) = await client.PostPageAsync(start, Url(patient.Id, "Search"), [F("Query", "prone press")]);
        var (_, page) = await client.PostPageAsync(foundProne, Url(patient.Id, "Add"), [F("add", foundProne.QuerySelector<IHtmlButtonElement>("button[name=add]")!.Value)]);
        var (_, found) = await client.PostPageAsync(page, Url(patient.Id, "Search"), [F("Find.Q", "superman")]);
        var id = found.QuerySelector<IHtmlButtonElement>("button[name=add]")!.Value;
        // Post with the ticks of the page before the second prone exercise was added: its new warning has no tick.
        var oldTicks = page.QuerySelectorAll("#warnings input[name='Input.Acknowledged']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.NotEmpty(oldTicks);
        var (_, added) = await client.PostPageAsync(found, Url(patient.Id, "Add"), [F("add", id)]);
        Assert.True(added.QuerySelectorAll("#warnings input[name='Input.Acknowledged']").Length > oldTicks.Count);
        var (refused, _) = await client.PostPageAsync(added, Url(patient.Id, "Save"), oldTicks.Select(t => F("Input.Acknowledged", t)).ToList());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await using var s = factory.SystemDb();
        Assert.False(await s.Db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id));
    }

    [Fact]
    public async Task A_stale_concurrent_save_is_refused_and_loses_nothing()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Conditions = ConditionSet.Sciatica);
        var (alice, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (ben, benUser) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);

        var (_, first) = await alice.GetPageAsync(Url(patient.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostPageAsync(first, Url(patient.Id, "Save"), [])).Response.StatusCode);

        // Both open version 1.
        var (_, alicePage) = await alice.GetPageAsync(Url(patient.Id));
        var (_, benPage) = await ben.GetPageAsync(Url(patient.Id));

        // Ben saves first.
        var (benSave, _) = await ben.PostPageAsync(benPage, Url(patient.Id, "Save"), [F("Input.Weeks", "6")]);
        Assert.Equal(HttpStatusCode.Redirect, benSave.StatusCode);

        // Alice's save over the stale copy is refused, her edit is still in the form.
        var (aliceSave, aliceBack) = await alice.PostPageAsync(alicePage, Url(patient.Id, "Save"), [F("Input.NoteToPatient", "Little and often.")]);
        Assert.Equal(HttpStatusCode.OK, aliceSave.StatusCode);
        var conflict = aliceBack.QuerySelector("#conflict")!.TextContent;
        Assert.Contains(benUser.DisplayName, conflict);
        Assert.Contains("length 4 → 6 weeks", conflict);
        Assert.Equal("Little and often.", aliceBack.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.NoteToPatient']")!.Value);

        await using (var s = factory.SystemDb())
        {
            var rx = await s.Db.Prescriptions.Include(p => p.Versions).SingleAsync(p => p.PatientId == patient.Id);
            Assert.Equal(2, rx.CurrentVersionNumber); // Ben's version stands
            Assert.Null(rx.Versions.Single(v => v.Number == 2).NoteToPatient);
        }

        // Having seen the conflict, Alice can save knowingly: version 3, Ben's version 2 kept.
        var (again, _) = await alice.PostPageAsync(aliceBack, Url(patient.Id, "Save"), []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var s = factory.SystemDb())
        {
            var rx = await s.Db.Prescriptions.Include(p => p.Versions).SingleAsync(p => p.PatientId == patient.Id);
            Assert.Equal(3, rx.CurrentVersionNumber);
            Assert.Equal("Little and often.", rx.Versions.Single(v => v.Number == 3).NoteToPatient);
        }
    }

    [Fact]
    public async Task Another_clinic_gets_404_for_the_patient_the_builder_and_the_prescription()
    {
        var (alice, patient, _) = await ClinicianWithPatientAsync(p => p.Conditions = ConditionSet.Sciatica);
        var (_, page) = await alice.GetPageAsync(Url(patient.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostPageAsync(page, Url(patient.Id, "Save"), [])).Response.StatusCode);
        Guid rxId;
        await using (var s = factory.SystemDb())
        {
            rxId = (await s.Db.Prescriptions.SingleAsync(p => p.PatientId == patient.Id)).Id;
        }

        var otherClinic = await factory.ClinicAsync();
        var (mallory, _) = await factory.SignedInAsync(otherClinic.Id, Roles.Clinician);
        foreach (var url in new[] { $"/clinic/patients/{patient.Id}", Url(patient.Id), $"/clinic/prescriptions/{rxId}/versions/1" })
        {
            var response = await mallory.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(patient.LastName, body);
            Assert.DoesNotContain(patient.Email!, body);
        }

        // Posting Alice's builder form with Mallory's own antiforgery token is answered 404 and saves nothing.
        var (_, malloryForm) = await mallory.GetPageAsync("/Identity/Account/Logout");
        var token = malloryForm.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var (post, _) = await mallory.PostPageAsync(page, Url(patient.Id, "Save"), [F("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using var check = factory.SystemDb();
        Assert.Equal(1, await check.Db.PrescriptionVersions.CountAsync(v => v.PrescriptionId == rxId));
    }

    [Fact]
    public async Task Nonsense_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var (client, patient, _) = await ClinicianWithPatientAsync(p => p.Conditions = ConditionSet.Core);
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        var (response, back) = await client.PostPageAsync(page, Url(patient.Id, "Save"), [
            F("Input.Items[0].RepsMin", "-3"),
            F("Input.Items[1].HoldMinSeconds", "10000"),
            F("Input.StartDate", "1900-01-01"),
            F("Input.Title", new string('x', 5000)),
            F("Input.Weeks", "abc"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = back.Body!.TextContent;
        Assert.Contains("Repetitions must be between 1 and 100", text);
        Assert.Contains("A hold must be between 1 and 600 seconds", text);
        Assert.Contains("more than four weeks in the past", text);
        Assert.Contains("Keep the title under 200 characters", text);
        // What was typed is still in the form.
        Assert.Equal("-3", back.QuerySelector<IHtmlInputElement>("input[name='Input.Items[0].RepsMin']")!.Value);

        var (badDate, badDatePage) = await client.PostPageAsync(page, Url(patient.Id, "Save"), [F("Input.StartDate", "31/02/2026"), F("Input.ReminderTime", "25:99")]);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("Enter the start date as a date", badDatePage.Body!.TextContent);
        Assert.Contains("Enter the reminder time", badDatePage.Body.TextContent);

        // An exercise that belongs to another clinic cannot be smuggled in.
        var otherClinic = await factory.ClinicAsync();
        Guid foreign;
        await using (var s = factory.SystemDb())
        {
            var own = new Exercise
            {
                Id = Guid.NewGuid(), ClinicId = otherClinic.Id, Slug = "secret-" + TestData.Unique(), Name = "Other clinic's exercise",
                Targets = "x", Steps = ["a", "b", "c"], DefaultDosage = new Dosage { RepsMin = 5 },
            };
            s.Db.Exercises.Add(own);
            await s.Db.SaveChangesAsync();
            foreign = own.Id;
        }
        var (smuggled, smuggledPage) = await client.PostPageAsync(page, Url(patient.Id, "Save"), [F("Input.Items[0].ExerciseId", foreign.ToString())]);
        Assert.Equal(HttpStatusCode.OK, smuggled.StatusCode);
        Assert.Contains("not in your clinic's library", smuggledPage.Body!.TextContent);
        var (_, addForeign) = await client.PostPageAsync(page, Url(patient.Id, "Add"), [F("add", foreign.ToString())]);
        Assert.Contains("not in your clinic's library", addForeign.Body!.TextContent);

        await using var check = factory.SystemDb();
        Assert.False(await check.Db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id));
    }

    [Fact]
    public async Task The_clinician_home_lists_their_patients_with_an_active_routine_newest_first()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var older = await factory.PatientAsync(clinic.Id, p => { p.Conditions = ConditionSet.Hips; p.FirstName = "Older"; });
        var newer = await factory.PatientAsync(clinic.Id, p => { p.Conditions = ConditionSet.Posture; p.FirstName = "Newer"; });
        await factory.PatientAsync(clinic.Id, p => p.FirstName = "Untreated");
        foreach (var p in new[] { older, newer })
        {
            var (_, page) = await client.GetPageAsync(Url(p.Id));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostPageAsync(page, Url(p.Id, "Save"), [])).Response.StatusCode);
        }
        var (_, home) = await client.GetPageAsync("/clinic");
        Assert.Equal("2", home.QuerySelector("#my-active-count")!.TextContent.Trim());
        var rows = home.QuerySelectorAll(".my-patients tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([newer.FullName, older.FullName], rows);
    }
}
