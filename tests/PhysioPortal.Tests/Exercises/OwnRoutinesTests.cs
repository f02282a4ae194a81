using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Exercises;

/// <summary>
/// A clinic's own routines through their pages: saved from a prescription version and from the builder's list, edited
/// (fields, dosages, order), archived and restored, offered in the builder, prescribed as a snapshot; another clinic's
/// routine is 404 and bad input gets a message beside its field with nothing saved.
/// </summary>
[Collection(PortalCollection.Name)]
public class OwnRoutinesTests(PortalFactory factory)
{
    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private static string Builder(Guid patientId, string? handler = null) =>
        $"/clinic/patients/{patientId}/prescribe" + (handler is null ? "" : $"?handler={handler}");

    private static List<string> ItemNames(IHtmlDocument page) =>
        page.QuerySelectorAll(".builder-item h3").Select(h => h.TextContent.Trim()[(h.TextContent.Trim().IndexOf(". ", StringComparison.Ordinal) + 2)..]).ToList();

    private async Task<RoutineTemplate> RoutineAsync(Guid clinicId, string slug)
    {
        await using var s = factory.SystemDb();
        return await s.Db.RoutineTemplates.AsNoTracking().Include(t => t.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Exercise)
            .SingleAsync(t => t.ClinicId == clinicId && t.Slug == slug);
    }

    private static string SlugOf(HttpResponseMessage redirect) => redirect.Headers.Location!.OriginalString.Split('/')[^1];

    [Fact]
    public async Task A_prescription_version_becomes_a_routine_that_is_edited_and_prescribed_and_the_saved_prescription_never_changes()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var first = await factory.PatientAsync(clinic.Id, p => p.Conditions = ConditionSet.LowerBack);
        var rx = await factory.PrescriptionAsync(clinic.Id, first.Id, DateOnly.FromDateTime(DateTime.UtcNow), templateSlug: "sciatica");
        var builtIn = ExerciseLibrary.Templates.Single(t => t.Slug == "sciatica");

        // The version page offers "Save as a clinic routine": the form comes filled with the version's exercises.
        var (_, version) = await client.GetPageAsync($"/clinic/prescriptions/{rx.Id}/versions/1");
        var link = version.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.TextContent.Trim() == "Save as a clinic routine").GetAttribute("href")!;
        var (get, form) = await client.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(builtIn.Items.Length, form.QuerySelectorAll(".builder-item").Length);
        Assert.Equal("Sciatica", form.QuerySelector<IHtmlSelectElement>("#Input_Condition")!.Value);
        var saved = (await client.PostPageAsync(form, link, [
            F("Input.Name", "Sciatica, our way"), F("Input.Note", "After the first visit.\nProgress holds in week 3."),
            F("Input.Items[0].HoldMinSeconds", "20"), F("Input.Items[0].HoldMaxSeconds", "40")], "#routine-form")).Response;
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var slug = SlugOf(saved);
        var routine = await RoutineAsync(clinic.Id, slug);
        Assert.Equal("Sciatica, our way", routine.Name);
        Assert.Equal(ExerciseGroup.Sciatica, routine.Condition);
        Assert.Equal("After the first visit.\nProgress holds in week 3.", routine.Description);
        Assert.Equal(builtIn.Items.Select(i => i.ExerciseSlug), routine.Items.Select(i => i.Exercise!.Slug));
        Assert.Equal(20, routine.Items[0].Dosage.HoldMinSeconds);

        // The routines page lists it as ours; its page offers Change and Archive.
        var (_, list) = await client.GetPageAsync("/clinic/templates");
        var card = list.QuerySelectorAll(".routine-card").Single(c => c.TextContent.Contains("Sciatica, our way", StringComparison.Ordinal));
        Assert.Contains("Ours", card.TextContent);

        // Prescribed to a second patient from the builder's list of routines.
        var second = await factory.PatientAsync(clinic.Id);
        var (_, builder) = await client.GetPageAsync(Builder(second.Id));
        var option = builder.QuerySelectorAll<IHtmlOptionElement>("#templateSlug option").Single(o => o.Value == slug);
        Assert.Contains("ours", option.TextContent);
        var (_, started) = await client.PostPageAsync(builder, Builder(second.Id, "Template"), [F("templateSlug", slug)], "#builder");
        Assert.Equal(routine.Items.Select(i => i.Exercise!.Name), ItemNames(started));
        Assert.Equal("20", started.QuerySelector<IHtmlInputElement>("[name='Input.Items[0].HoldMinSeconds']")!.Value);
        var (prescribed, _) = await client.PostPageAsync(started, Builder(second.Id, "Save"), [], "#builder");
        Assert.Equal(HttpStatusCode.Redirect, prescribed.StatusCode);

        // The routine is changed: a dosage, the order, one exercise removed, the name.
        var (_, edit) = await client.GetPageAsync($"/clinic/templates/{slug}/edit");
        var (_, moved) = await client.PostPageAsync(edit, $"/clinic/templates/{slug}/edit?handler=Down", [F("index", "0")], "#routine-form");
        Assert.Equal(routine.Items[1].Exercise!.Name, ItemNames(moved)[0]);
        var (_, removed) = await client.PostPageAsync(moved, $"/clinic/templates/{slug}/edit?handler=Remove", [F("index", "2")], "#routine-form");
        Assert.Equal(routine.Items.Count - 1, removed.QuerySelectorAll(".builder-item").Length);
        var (changed, _) = await client.PostPageAsync(removed, $"/clinic/templates/{slug}/edit",
            [F("Input.Name", "Sciatica, our way (v2)"), F("Input.Items[0].Sets", "3")], "#routine-form");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await RoutineAsync(clinic.Id, slug);
        Assert.Equal("Sciatica, our way (v2)", after.Name);
        Assert.Equal(routine.Items.Count - 1, after.Items.Count);
        Assert.Equal(routine.Items[1].ExerciseId, after.Items[0].ExerciseId);
        Assert.Equal(3, after.Items[0].Dosage.Sets);

        // The prescription saved from it is a snapshot: as it was prescribed.
        await using (var s = factory.SystemDb())
        {
            var v1 = await s.Db.PrescriptionVersions.Include(v => v.Exercises)
                .SingleAsync(v => s.Db.Prescriptions.Any(p => p.Id == v.PrescriptionId && p.PatientId == second.Id));
            Assert.Equal(slug, v1.TemplateSlug);
            Assert.Equal(routine.Items.Select(i => i.ExerciseId), v1.Exercises.OrderBy(e => e.Position).Select(e => e.ExerciseId));
            Assert.Equal(20, v1.Exercises.Single(e => e.Position == 1).Dosage.HoldMinSeconds);
            Assert.Equal(routine.Items[1].Dosage, v1.Exercises.Single(e => e.Position == 2).Dosage);
            Assert.Equal(routine.Items.Count, v1.Exercises.Count);
        }
    }

    [Fact]
    public async Task The_builders_list_is_saved_as_a_routine_without_losing_the_draft_and_bad_names_get_a_message()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var patient = await factory.PatientAsync(clinic.Id, p => p.Conditions = ConditionSet.Scoliosis);
        var own = await factory.OwnExerciseAsync(clinic.Id);
        var (_, builder) = await client.GetPageAsync(Builder(patient.Id));
        var (_, added) = await client.PostPageAsync(builder, Builder(patient.Id, "Add"), [F("add", own.Id.ToString())], "#builder");
        var names = ItemNames(added);
        Assert.Equal(own.Name, names[^1]);
        Assert.Equal("Scoliosis", added.QuerySelector<IHtmlSelectElement>("#routine-condition")!.Value);

        // An empty name, then one too long: a message beside the name, nothing saved, the draft as it was.
        foreach (var bad in new[] { "  ", new string('x', 201), "two\nlines" })
        {
            var (refused, page) = await client.PostPageAsync(added, Builder(patient.Id, "SaveRoutine"),
                [F("NewRoutine.Name", bad), F("Input.Items[0].Sets", "2"), F("Input.Title", "Typed title")], "#builder");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='NewRoutine.Name']")!.TextContent));
            Assert.Equal(names, ItemNames(page));
            Assert.Equal("2", page.QuerySelector<IHtmlInputElement>("[name='Input.Items[0].Sets']")!.Value);
            Assert.Equal("Typed title", page.QuerySelector<IHtmlInputElement>("[name='Input.Title']")!.Value);
        }
        // A made-up condition.
        var (_, madeUp) = await client.PostPageAsync(added, Builder(patient.Id, "SaveRoutine"), [F("NewRoutine.Name", "X"), F("NewRoutine.Condition", "Elbows")], "#builder");
        Assert.Contains("Choose a condition", madeUp.QuerySelector("[data-valmsg-for='NewRoutine.Condition']")!.TextContent);
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.RoutineTemplates.AnyAsync(t => t.ClinicId == clinic.Id));
        }

        var (ok, kept) = await client.PostPageAsync(added, Builder(patient.Id, "SaveRoutine"),
            [F("NewRoutine.Name", "Scoliosis with heel raises"), F("NewRoutine.Note", "For standing work."), F("Input.Title", "Typed title")], "#builder");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Saved as the clinic routine", kept.QuerySelector(".alert-info")!.TextContent);
        Assert.Equal(names, ItemNames(kept));
        Assert.Equal("Typed title", kept.QuerySelector<IHtmlInputElement>("[name='Input.Title']")!.Value);
        Assert.Equal("", kept.QuerySelector<IHtmlInputElement>("#routine-name")!.Value);
        Assert.Contains(kept.QuerySelectorAll<IHtmlOptionElement>("#templateSlug option"), o => o.TextContent.Contains("Scoliosis with heel raises", StringComparison.Ordinal));
        await using (var s = factory.SystemDb())
        {
            var routine = await s.Db.RoutineTemplates.Include(t => t.Items).SingleAsync(t => t.ClinicId == clinic.Id);
            Assert.Equal(ExerciseGroup.Scoliosis, routine.Condition);
            Assert.Equal("For standing work.", routine.Description);
            Assert.Equal(names.Count, routine.Items.Count);
            Assert.Contains(routine.Items, i => i.ExerciseId == own.Id && i.Position == names.Count);
            // Nothing was prescribed.
            Assert.False(await s.Db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id));
        }
    }

    [Fact]
    public async Task An_archived_routine_is_listed_under_archived_refused_by_the_builder_with_a_message_and_restored()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var patient = await factory.PatientAsync(clinic.Id);
        var (_, form) = await client.GetPageAsync("/clinic/templates/new?copy=core");
        Assert.EndsWith("(our version)", form.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value, StringComparison.Ordinal);
        var (created, _) = await client.PostPageAsync(form, "/clinic/templates/new", [F("Input.Name", "Core for runners")], "#routine-form");
        var slug = SlugOf(created);

        var archive = await client.SubmitFormAsync($"/clinic/templates/{slug}", new Dictionary<string, string>(), ".routine-actions form");
        Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
        var (_, inUse) = await client.GetPageAsync("/clinic/templates");
        Assert.DoesNotContain("Core for runners", inUse.Body!.TextContent);
        var (_, archived) = await client.GetPageAsync("/clinic/templates?archived=true");
        Assert.Contains("Core for runners", archived.QuerySelector(".routine-card")!.TextContent);
        Assert.Contains("Archived (1)", archived.QuerySelector(".routine-filter")!.TextContent);

        // The builder: not offered; a link or a stale list naming it gets a message and nothing of it.
        var (_, builder) = await client.GetPageAsync(Builder(patient.Id) + $"?template={slug}");
        Assert.DoesNotContain(builder.QuerySelectorAll<IHtmlOptionElement>("#templateSlug option"), o => o.Value == slug);
        Assert.Contains("is archived", builder.QuerySelector(".alert-info")!.TextContent);
        Assert.Empty(builder.QuerySelectorAll(".builder-item"));
        var (_, posted) = await client.PostPageAsync(builder, Builder(patient.Id, "Template"), [F("templateSlug", slug)], "#builder");
        Assert.Contains("is archived", posted.QuerySelector(".alert-info")!.TextContent);
        Assert.Empty(posted.QuerySelectorAll(".builder-item"));

        var restore = await client.SubmitFormAsync($"/clinic/templates/{slug}", new Dictionary<string, string>(), ".routine-actions form");
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var (_, again) = await client.GetPageAsync(Builder(patient.Id));
        Assert.Contains(again.QuerySelectorAll<IHtmlOptionElement>("#templateSlug option"), o => o.Value == slug);
    }

    [Fact]
    public async Task Another_clinics_routine_is_404_and_its_exercises_cannot_be_put_in_a_routine()
    {
        var clinic = await factory.ClinicAsync();
        var other = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (stranger, _) = await factory.SignedInAsync(other.Id, Roles.Clinician);
        var (_, form) = await stranger.GetPageAsync("/clinic/templates/new?copy=posture");
        var slug = SlugOf((await stranger.PostPageAsync(form, "/clinic/templates/new", [F("Input.Name", "Their posture routine")], "#routine-form")).Response);
        var theirExercise = await factory.OwnExerciseAsync(other.Id);

        foreach (var url in new[] { $"/clinic/templates/{slug}", $"/clinic/templates/{slug}/edit" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        var (_, own) = await client.GetPageAsync("/clinic/templates/new?copy=posture");
        var token = own.QuerySelector<IHtmlInputElement>("#routine-form [name=__RequestVerificationToken]")!.Value;
        var archive = await client.Http.PostAsync($"/clinic/templates/{slug}/edit?handler=Archive",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clinic/templates/new?copy=" + slug)).StatusCode);
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.RoutineTemplates.Where(t => t.Slug == slug).Select(t => t.ArchivedAt != null).SingleAsync());
        }

        // Their exercise posted into our list: a message beside it, nothing saved; adding it from a stale search too.
        var name = "Ours " + TestData.Unique();
        var (refused, page) = await client.PostPageAsync(own, "/clinic/templates/new",
            [F("Input.Name", name), F("Input.Items[0].ExerciseId", theirExercise.Id.ToString())], "#routine-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not in your clinic's library", page.QuerySelector(".builder-item")!.TextContent);
        Assert.DoesNotContain(theirExercise.Name, page.Body!.TextContent);
        var (_, add) = await client.PostPageAsync(own, "/clinic/templates/new?handler=Add", [F("add", theirExercise.Id.ToString())], "#routine-form");
        Assert.Contains("not in your clinic's library", add.QuerySelector(".alert-info")!.TextContent);
        await using (var s = factory.SystemDb())
        {
            Assert.False(await s.Db.RoutineTemplates.AnyAsync(t => t.Name == name));
        }
    }

    [Fact]
    public async Task Bad_routine_fields_get_messages_beside_them_and_a_form_without_its_token_is_refused()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, form) = await client.GetPageAsync("/clinic/templates/new?copy=hips");
        var cases = new (string Field, string Value, string Message)[]
        {
            ("Input.Name", "", "Give the routine a name"),
            ("Input.Name", new string('n', 201), "under 200"),
            ("Input.Note", new string('n', 2001), "under 2000"),
            ("Input.Condition", "Elbows", "Choose a condition"),
            ("Input.Weeks", "0", "between 1 and 52"),
            ("Input.Items[0].RepsMin", "1000", "between 1 and 100"),
        };
        foreach (var (field, value, message) in cases)
        {
            var (response, page) = await client.PostPageAsync(form, "/clinic/templates/new", [F(field, value)], "#routine-form");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var shown = page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? page.QuerySelector(".builder-item")!.TextContent;
            Assert.Contains(message, shown);
        }
        // No exercises at all.
        var (_, empty) = await client.GetPageAsync("/clinic/templates/new");
        var (_, none) = await client.PostPageAsync(empty, "/clinic/templates/new", [F("Input.Name", "Nothing in it")], "#routine-form");
        Assert.Contains("Add at least one exercise", none.QuerySelector("[data-valmsg-for='Input.Items']")!.TextContent);

        var noToken = await client.Http.PostAsync("/clinic/templates/new", new FormUrlEncodedContent(
            PortalClient.FormFields(form.QuerySelector<IHtmlFormElement>("#routine-form")!).Where(f => f.Key != "__RequestVerificationToken")
                .Select(f => f.Key == "Input.Name" ? new KeyValuePair<string, string>(f.Key, "No token") : f)));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        await using var s = factory.SystemDb();
        Assert.False(await s.Db.RoutineTemplates.AnyAsync(t => t.ClinicId == clinic.Id));
    }
}
