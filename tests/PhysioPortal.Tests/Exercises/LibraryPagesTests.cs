using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Exercises;

/// <summary>The seeded library and templates in the real database, and the pages that show them.</summary>
[Collection(PortalCollection.Name)]
public class LibraryPagesTests(PortalFactory factory)
{
    // A few names from each of the article's ten groups, including the entries whose headings the article lost.
    public static TheoryData<ExerciseGroup, string[]> NamesByGroup => new()
    {
        { ExerciseGroup.UpperBack, ["Upper Back Stretch", "Shoulder Rolls", "Chest Opener", "Seated Twist"] },
        { ExerciseGroup.LowerBack, ["Cat-Camel Stretch", "Knee-to-Chest Stretch", "Pelvic Tilts", "Bridge Pose"] },
        { ExerciseGroup.Core, ["Plank", "Bird Dog", "Superman", "Dead Bug"] },
        { ExerciseGroup.Flexibility, ["Child’s Pose", "Pigeon Pose", "Forward Fold", "Standing Hamstring Stretch"] },
        { ExerciseGroup.Posture, ["Wall Angels", "Scapular Squeeze", "Upper Back Extension", "Neck Retraction"] },
        { ExerciseGroup.Hips, ["Hip Flexor Stretch", "Piriformis Stretch", "Seated Figure Four Stretch", "Lunges"] },
        { ExerciseGroup.AtWork, ["Seated Spinal Twist", "Chair Cat-Camel Stretch", "Desk Shoulder Stretch", "Standing Hamstring Stretch"] },
        { ExerciseGroup.Pregnancy, ["Pregnancy Cat-Camel Stretch", "Prenatal Pelvic Tilts", "Pregnancy Bridge Pose", "Side-Lying Leg Lifts"] },
        { ExerciseGroup.Sciatica, ["Sciatic Nerve Glide", "Knee-to-Shoulder Stretch", "Standing Piriformis Stretch", "Prone Press-Ups"] },
        { ExerciseGroup.Scoliosis, ["Seated Side Bend", "Foam Rolling", "Side Plank"] },
    };

    [Fact]
    public async Task The_database_holds_every_exercise_of_the_article()
    {
        await using var s = factory.SystemDb();
        var builtIn = await s.Db.Exercises.Where(e => e.ClinicId == null).ToListAsync();
        // 40 entries in the article: 39 exercises and "Core Stability Exercises", which names others (a template).
        Assert.Equal(39, builtIn.Count);
        Assert.DoesNotContain(builtIn, e => e.Name.Contains("Core Stability", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, builtIn.Count(e => e.Name == "Standing Hamstring Stretch"));
    }

    [Theory]
    [MemberData(nameof(NamesByGroup))]
    public async Task Each_group_has_its_exercises(ExerciseGroup group, string[] names)
    {
        await using var s = factory.SystemDb();
        var inGroup = await s.Db.Exercises.Where(e => e.ClinicId == null && e.Group == group).Select(e => e.Name).ToListAsync();
        Assert.Equal(names.Length, inGroup.Count);
        foreach (var name in names)
        {
            Assert.Contains(name, inGroup);
        }
    }

    [Fact]
    public async Task Every_built_in_template_resolves_to_existing_exercises()
    {
        await using var s = factory.SystemDb();
        var templates = await s.Db.RoutineTemplates.Include(t => t.Items).ThenInclude(i => i.Exercise)
            .Where(t => t.ClinicId == null).ToListAsync();
        Assert.Equal(ExerciseLibrary.Templates.Count, templates.Count);
        foreach (var group in Enum.GetValues<ExerciseGroup>())
        {
            Assert.Contains(templates, t => t.Condition == group);
        }
        foreach (var template in templates)
        {
            Assert.NotEmpty(template.Items);
            Assert.All(template.Items, i => Assert.NotNull(i.Exercise));
            Assert.Equal(ExerciseLibrary.Templates.Single(t => t.Slug == template.Slug).Items.Select(i => i.ExerciseSlug),
                template.Items.OrderBy(i => i.Position).Select(i => i.Exercise!.Slug));
        }
        var coreStability = templates.Single(t => t.Slug == "core-stability");
        Assert.Equal(["Plank", "Pelvic Tilts", "Bird Dog"], coreStability.Items.OrderBy(i => i.Position).Select(i => i.Exercise!.Name));
    }

    [Fact]
    public async Task Seeding_again_changes_nothing_and_a_changed_row_is_put_back()
    {
        await using var s = factory.SystemDb();
        var bridge = await s.Db.Exercises.SingleAsync(e => e.ClinicId == null && e.Slug == "bridge-pose");
        var id = bridge.Id;
        bridge.Name = "Edited by hand";
        bridge.SeedHash = "stale";
        await s.Db.SaveChangesAsync();

        await using (var again = factory.SystemDb())
        {
            await new LibrarySeeder(again.Db, Microsoft.Extensions.Logging.Abstractions.NullLogger<LibrarySeeder>.Instance).SeedAsync();
            await new LibrarySeeder(again.Db, Microsoft.Extensions.Logging.Abstractions.NullLogger<LibrarySeeder>.Instance).SeedAsync();
        }

        await using var check = factory.SystemDb();
        var restored = await check.Db.Exercises.SingleAsync(e => e.ClinicId == null && e.Slug == "bridge-pose");
        Assert.Equal(id, restored.Id); // updated in place: prescriptions and templates keep pointing at it
        Assert.Equal("Bridge Pose", restored.Name);
        Assert.Equal(39, await check.Db.Exercises.CountAsync(e => e.ClinicId == null));
    }

    [Fact]
    public async Task The_library_page_lists_filters_and_searches()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);

        var (all, doc) = await client.GetPageAsync("/clinic/library");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(39, doc.QuerySelectorAll(".exercise-list > .list-group-item").Length);

        var (_, sciatica) = await client.GetPageAsync("/clinic/library?group=Sciatica");
        Assert.Equal(4, sciatica.QuerySelectorAll(".exercise-list > .list-group-item").Length);

        var (_, prone) = await client.GetPageAsync("/clinic/library?position=LyingFaceDown");
        Assert.All(prone.QuerySelectorAll(".exercise-list > .list-group-item"), a => Assert.Contains("Lying face down", a.TextContent));

        var (_, search) = await client.GetPageAsync("/clinic/library?q=hamstring");
        Assert.Equal(2, search.QuerySelectorAll(".exercise-list > .list-group-item").Length);

        var (bad, badDoc) = await client.GetPageAsync("/clinic/library?group=Nonsense&q=%25_%5C");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("That group does not exist", badDoc.Body!.TextContent);
    }

    [Fact]
    public async Task An_exercise_page_shows_steps_dosage_and_cautions()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var seed = ExerciseLibrary.BySlug("prone-press-ups");

        var (response, doc) = await client.GetPageAsync("/clinic/library/prone-press-ups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Prone Press-Ups", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(seed.Steps, doc.QuerySelectorAll("ol.steps li").Select(li => li.TextContent.Trim()));
        Assert.Contains(seed.Dosage.ToString(), doc.Body!.TextContent);
        Assert.Contains("Lying face down", doc.QuerySelector(".callout-caution")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clinic/library/no-such-exercise")).StatusCode);
    }

    [Fact]
    public async Task The_template_pages_list_the_routines_and_their_exercises()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);

        var (_, list) = await client.GetPageAsync("/clinic/templates");
        Assert.Equal(ExerciseLibrary.Templates.Count, list.QuerySelectorAll(".card h2 a").Length);

        var (response, doc) = await client.GetPageAsync("/clinic/templates/sciatica");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = doc.QuerySelectorAll(".exercise-list .exercise-name").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Sciatic Nerve Glide", "Knee-to-Shoulder Stretch", "Standing Piriformis Stretch", "Prone Press-Ups"], names);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clinic/templates/nope")).StatusCode);
    }
}
