using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Exercises;

/// <summary>A clinic's own exercises through the pages a clinician uses: create, find, copy, change, archive.</summary>
[Collection(PortalCollection.Name)]
public class OwnExercisesTests(PortalFactory factory)
{
    private static Dictionary<string, string> Form(string name, params (string Key, string Value)[] more)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Group"] = "Hips",
            ["Input.Position"] = "Standing",
            ["Input.Equipment"] = "Chair",
            ["Input.Steps"] = "Stand behind a chair, holding the back.\nRise onto your toes.\nLower slowly.",
            ["Input.Targets"] = "Strengthens the calves and the ankles.",
            ["Input.Regions"] = "AnkleFoot",
            ["Input.Sets"] = "2",
            ["Input.RepsMin"] = "12",
            ["Input.Sides"] = "None",
        };
        foreach (var (k, v) in more) form[k] = v;
        return form;
    }

    [Fact]
    public async Task A_clinician_creates_an_exercise_and_finds_it_by_body_region_and_by_a_misspelt_name()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var name = "Heel raises " + TestData.Unique();
        var created = await client.SubmitFormAsync("/clinic/library/new", Form(name), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.EndsWith("/edit", created.Headers.Location!.OriginalString);

        await using (var s = factory.SystemDb())
        {
            var saved = await s.Db.Exercises.SingleAsync(e => e.Name == name);
            Assert.Equal(clinic.Id, saved.ClinicId);
            Assert.Equal(BodyRegions.AnkleFoot, saved.Regions);
            Assert.Equal(3, saved.Steps.Count);
            Assert.Equal("2 sets · 12 reps", saved.DefaultDosage.ToString());
        }

        var byRegion = await client.GetPageAsync("/clinic/library?region=AnkleFoot&source=Own");
        Assert.Contains(name, byRegion.Document.QuerySelector(".exercise-list")!.TextContent);
        var otherRegion = await client.GetPageAsync("/clinic/library?region=Neck");
        Assert.DoesNotContain(name, otherRegion.Document.Body!.TextContent);
        // One letter wrong and one missing: pg_trgm still finds it.
        var typo = await client.GetPageAsync("/clinic/library?q=" + Uri.EscapeDataString("heal raises"));
        Assert.Contains(name, typo.Document.QuerySelector(".exercise-list")!.TextContent);
        var builtInTypo = await client.GetPageAsync("/clinic/library?q=piriformiss");
        Assert.Contains("Piriformis Stretch", builtInTypo.Document.QuerySelector(".exercise-list")!.TextContent);
    }

    [Fact]
    public async Task Copying_a_built_in_exercise_makes_an_editable_clinic_copy_and_leaves_the_original_alone()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (get, page) = await client.GetPageAsync("/clinic/library/new?copy=bridge-pose");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Bridge Pose (our version)", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        var response = await client.SubmitFormAsync("/clinic/library/new?copy=bridge-pose",
            new Dictionary<string, string> { ["Input.Name"] = "Bridge with a ball" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var s = factory.SystemDb();
        var original = await s.Db.Exercises.SingleAsync(e => e.ClinicId == null && e.Slug == "bridge-pose");
        var copy = await s.Db.Exercises.SingleAsync(e => e.ClinicId == clinic.Id && e.Name == "Bridge with a ball");
        Assert.Equal("Bridge Pose", original.Name);
        Assert.Equal(original.Id, copy.CopiedFromId);
        Assert.Equal(original.Steps, copy.Steps);
        Assert.Equal(original.Regions, copy.Regions);
        Assert.NotEqual(original.Slug, copy.Slug);
        // The built-in one has no edit page; the copy has.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clinic/library/bridge-pose/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/clinic/library/{copy.Slug}/edit")).StatusCode);
    }

    [Fact]
    public async Task Editing_an_exercise_never_changes_a_prescription_already_saved()
    {
        var clinic = await factory.ClinicAsync();
        var (client, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var own = await factory.OwnExerciseAsync(clinic.Id);
        var patient = await factory.PatientAsync(clinic.Id);
        await using (var s = factory.SystemDb())
        {
            var service = new PrescriptionService(s.Db, TimeProvider.System);
            var today = service.PatientToday(patient);
            var saved = await service.SaveAsync(patient.Id, new PrescriptionDraft("Calves", null, DaysOfWeek.Every, 1, new TimeOnly(8, 0), today, 4, null,
                [new DraftItem(own.Id, own.DefaultDosage, null)]), null, null, user.Id, "Clinician");
            Assert.IsType<SaveOutcome.Saved>(saved);
        }

        var response = await client.SubmitFormAsync($"/clinic/library/{own.Slug}/edit", Form("Renamed " + own.Name, ("Input.Steps", "Only one step now.")), "#exercise-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var check = factory.SystemDb();
        Assert.Equal("Renamed " + own.Name, (await check.Db.Exercises.SingleAsync(e => e.Id == own.Id)).Name);
        var snapshot = await check.Db.Prescriptions.Where(p => p.PatientId == patient.Id).SelectMany(p => p.Versions)
            .SelectMany(v => v.Exercises).SingleAsync();
        Assert.Equal(own.Name, snapshot.Name);
        Assert.Equal(own.Steps, snapshot.Steps);
    }

    [Fact]
    public async Task An_archived_exercise_leaves_the_library_and_the_builder_until_restored()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var own = await factory.OwnExerciseAsync(clinic.Id);
        var patient = await factory.PatientAsync(clinic.Id);
        var archive = await client.SubmitFormAsync($"/clinic/library/{own.Slug}", new Dictionary<string, string>(), "form[action*='handler=Archive']");
        Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);

        Assert.DoesNotContain(own.Name, (await client.GetPageAsync("/clinic/library?source=Own")).Document.Body!.TextContent);
        Assert.Contains(own.Name, (await client.GetPageAsync("/clinic/library?source=Own&archived=true")).Document.Body!.TextContent);
        var (_, builder) = await client.GetPageAsync($"/clinic/patients/{patient.Id}/prescribe");
        var (_, found) = await client.PostPageAsync(builder, $"/clinic/patients/{patient.Id}/prescribe?handler=Search", [new("Find.Q", own.Name)], "#builder");
        Assert.Null(found.QuerySelector("[aria-label='Search results']"));

        var restore = await client.SubmitFormAsync($"/clinic/library/{own.Slug}", new Dictionary<string, string>(), "form[action*='handler=Restore']");
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        (_, found) = await client.PostPageAsync(builder, $"/clinic/patients/{patient.Id}/prescribe?handler=Search", [new("Find.Q", own.Name)], "#builder");
        Assert.Contains(own.Name, found.QuerySelector("[aria-label='Search results']")!.TextContent);
    }

    [Fact]
    public async Task Another_clinics_exercise_is_not_found_anywhere()
    {
        var clinic = await factory.ClinicAsync();
        var other = await factory.ClinicAsync();
        var theirs = await factory.OwnExerciseAsync(other.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        foreach (var url in new[] { $"/clinic/library/{theirs.Slug}", $"/clinic/library/{theirs.Slug}/edit", $"/clinic/library/new?copy={theirs.Slug}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        Assert.DoesNotContain(theirs.Name, (await client.GetPageAsync("/clinic/library?source=Own&archived=true")).Document.Body!.TextContent);
        var (client2, _) = await factory.SignedInAsync(other.Id, Roles.Clinician);
        var archive = await client.Http.PostAsync($"/clinic/library/{theirs.Slug}/edit?handler=Archive", new FormUrlEncodedContent([]));
        Assert.True(archive.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client2.GetAsync($"/clinic/library/{theirs.Slug}/edit")).StatusCode);
    }

    [Fact]
    public async Task Refused_values_get_a_message_beside_the_field_and_save_nothing()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        foreach (var (field, value) in new[] { ("Input.Name", "  "), ("Input.Group", "Astrology"), ("Input.Regions", ""), ("Input.Steps", ""), ("Input.RepsMin", "ten"), ("Input.HoldMaxSeconds", "100000") })
        {
            var name = "Refused " + TestData.Unique();
            var response = await client.SubmitFormAsync("/clinic/library/new", Form(field == "Input.Name" ? value : name, (field, value)), "main form[method=post]");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}={value}: {(int)response.StatusCode} {response.Headers.Location}");
            var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent), $"no message beside {field}");
            await using var s = factory.SystemDb();
            Assert.False(await s.Db.Exercises.AnyAsync(e => e.ClinicId == clinic.Id), $"{field}={value} was saved");
        }
    }

    [Fact]
    public async Task Every_built_in_exercise_has_a_body_region()
    {
        await using var s = factory.SystemDb();
        var none = await s.Db.Exercises.Where(e => e.ClinicId == null && e.Regions == BodyRegions.None).Select(e => e.Slug).ToListAsync();
        Assert.Empty(none);
        Assert.All(ExerciseLibrary.Exercises, e => Assert.NotEqual(BodyRegions.None, BuiltInRegions.For(e.Slug)));
    }
}
