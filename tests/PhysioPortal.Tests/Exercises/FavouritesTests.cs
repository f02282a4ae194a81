using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Exercises;

/// <summary>Stars on exercises and routines through the pages: per user and clinic, first in the builder, bad ids refused.</summary>
[Collection(PortalCollection.Name)]
public class FavouritesTests(PortalFactory factory)
{
    /// <summary>Clicks the star button of the given id on a page, as the browser would post its small form.</summary>
    private static async Task<HttpResponseMessage> StarAsync(PortalClient client, string page, string kind, string id, bool star)
    {
        var (_, doc) = await client.GetPageAsync(page);
        var form = doc.QuerySelectorAll<IHtmlFormElement>("form.star-form")
            .First(f => f.QuerySelector<IHtmlInputElement>("input[name=id]")!.Value == id);
        var fields = PortalClient.FormFields(form);
        Assert.Equal(kind, fields.Single(f => f.Key == "kind").Value);
        // A second tab still showing the old state posts the same value again: the star form says what it wants.
        fields.RemoveAll(f => f.Key == "star");
        fields.Add(new("star", star ? "true" : "false"));
        return await client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_starred_exercise_and_routine_come_first_in_the_builder_for_that_clinician_only()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (colleague, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        Guid plankId, scoliosisId;
        await using (var s = factory.SystemDb())
        {
            plankId = await s.Db.Exercises.Where(e => e.ClinicId == null && e.Slug == "side-plank").Select(e => e.Id).SingleAsync();
            scoliosisId = await s.Db.RoutineTemplates.Where(t => t.ClinicId == null && t.Condition == ExerciseGroup.Scoliosis).Select(t => t.Id).FirstAsync();
        }

        // Star from the exercise's page and from the routines list; each post redirects back where it came from.
        var starred = await StarAsync(client, "/clinic/library/side-plank", "Exercise", plankId.ToString(), true);
        Assert.Equal(HttpStatusCode.Redirect, starred.StatusCode);
        Assert.Equal("/clinic/library/side-plank", starred.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await StarAsync(client, "/clinic/templates", "Routine", scoliosisId.ToString(), true)).StatusCode);
        // Starring twice is harmless.
        Assert.Equal(HttpStatusCode.Redirect, (await StarAsync(client, "/clinic/templates", "Routine", scoliosisId.ToString(), true)).StatusCode);

        var (_, detail) = await client.GetPageAsync("/clinic/library/side-plank");
        Assert.Equal("true", detail.QuerySelector(".star-button")!.GetAttribute("aria-pressed"));
        var (_, mine) = await client.GetPageAsync("/clinic/favourites");
        Assert.Contains("Side Plank", mine.QuerySelector(".starred-exercises")!.TextContent);
        Assert.Single(mine.QuerySelectorAll(".starred-routines li"));

        // The builder: a search for "plank" lists the starred Side Plank before Plank; the starred routine is first.
        var (_, builder) = await client.GetPageAsync($"/clinic/patients/{patient.Id}/prescribe");
        var (_, searched) = await client.PostPageAsync(builder, $"/clinic/patients/{patient.Id}/prescribe?handler=Search",
            [new("Find.Q", "plank")], "#builder");
        var results = searched.QuerySelectorAll("[aria-label='Search results'] li strong").Select(e => e.TextContent).ToList();
        Assert.Equal("Side Plank", results[0]);
        Assert.Contains("Plank", results.Skip(1));
        var firstRoutine = searched.QuerySelectorAll("#templateSlug option").Skip(1).First();
        Assert.StartsWith("★", firstRoutine.TextContent);

        // The colleague has no stars: the usual order.
        var (_, theirs) = await colleague.GetPageAsync($"/clinic/patients/{patient.Id}/prescribe");
        var (_, theirSearch) = await colleague.PostPageAsync(theirs, $"/clinic/patients/{patient.Id}/prescribe?handler=Search", [new("Find.Q", "plank")], "#builder");
        Assert.Equal("Plank", theirSearch.QuerySelectorAll("[aria-label='Search results'] li strong").First().TextContent);
        Assert.DoesNotContain("★", theirSearch.QuerySelector("#templateSlug")!.TextContent);

        // Unstar: gone from the list.
        Assert.Equal(HttpStatusCode.Redirect, (await StarAsync(client, "/clinic/favourites", "Exercise", plankId.ToString(), false)).StatusCode);
        var (_, after) = await client.GetPageAsync("/clinic/favourites");
        Assert.Null(after.QuerySelector(".starred-exercises li"));
        await using (var s = factory.SystemDb())
        {
            Assert.Equal(1, await s.Db.Favourites.CountAsync(f => f.ClinicId == clinic.Id));
        }
    }

    [Fact]
    public async Task Bad_or_foreign_ids_and_a_missing_form_token_are_refused_without_a_500()
    {
        var clinic = await factory.ClinicAsync();
        var other = await factory.ClinicAsync();
        var foreign = await factory.OwnExerciseAsync(other.Id);
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var (_, page) = await client.GetPageAsync("/clinic/favourites");
        string[] kinds = ["Exercise", "Routine", "", "exercise", "7", "Both", "<script>alert(1)</script>", "' OR 1=1 --"];
        string[] ids = [foreign.Id.ToString(), Guid.NewGuid().ToString(), "", "not-a-guid", "' OR 1=1 --", new string('9', 5000), "\0"];
        foreach (var kind in kinds)
        {
            foreach (var id in ids)
            {
                var (response, _) = await client.PostPageAsync(page, "/clinic/favourites",
                    [new("kind", kind), new("id", id), new("star", "true"), new("returnUrl", "https://evil.example/")], "header form, main form, form");
                // A NUL character is refused by the form reader itself (400); everything else is "not found".
                Assert.True(response.StatusCode == HttpStatusCode.NotFound || (id == "\0" && response.StatusCode == HttpStatusCode.BadRequest),
                    $"{kind} / {id[..Math.Min(id.Length, 40)]}: {(int)response.StatusCode}");
            }
        }
        // A real star with a foreign return address goes back to our own page, not away.
        var own = await factory.OwnExerciseAsync(clinic.Id);
        var (ok, _) = await client.PostPageAsync(page, "/clinic/favourites",
            [new("kind", "Exercise"), new("id", own.Id.ToString()), new("star", "true"), new("returnUrl", "https://evil.example/")], "header form, main form, form");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/clinic/favourites", ok.Headers.Location!.OriginalString);

        // Without the form token: refused.
        var bare = await client.Http.PostAsync("/clinic/favourites",
            new FormUrlEncodedContent([new("kind", "Exercise"), new("id", own.Id.ToString()), new("star", "false")]));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        await using var s = factory.SystemDb();
        Assert.Equal(0, await s.Db.Favourites.CountAsync(f => f.TargetId == foreign.Id));
        Assert.Equal(1, await s.Db.Favourites.CountAsync(f => f.TargetId == own.Id));
    }
}
