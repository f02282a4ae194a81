using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Safety;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Prescriptions;

/// <summary>Safer swaps in the builder, without JavaScript: offered under a warning, one click, dosage kept.</summary>
[Collection(PortalCollection.Name)]
public class SaferSwapTests(PortalFactory factory)
{
    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private static string Url(Guid patientId, string? handler = null) =>
        $"/clinic/patients/{patientId}/prescribe" + (handler is null ? "" : $"?handler={handler}");

    private static List<string> Names(IHtmlDocument page) =>
        page.QuerySelectorAll(".builder-item h3").Select(h => h.TextContent.Trim()).ToList();

    private async Task<(PortalClient Client, Patient Patient, Guid ClinicId)> PregnantInWeekAsync(int week)
    {
        var clinic = await factory.ClinicAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            p.Conditions = ConditionSet.Pregnancy;
            p.PregnancyDueDate = today.AddDays(SafetyRules.PregnancyDays - week * 7);
        });
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        return (client, patient, clinic.Id);
    }

    [Fact]
    public async Task The_pregnancy_routine_in_week_22_comes_with_the_bridge_swapped_and_noted_and_undo_brings_the_warning_back()
    {
        var (client, patient, _) = await PregnantInWeekAsync(22);
        var (response, page) = await client.GetPageAsync(Url(patient.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Names(page), n => n.EndsWith("Pregnancy Bridge Pose", StringComparison.Ordinal));
        var note = page.QuerySelector(".swap-note")!.TextContent;
        Assert.Contains("Pregnancy Bridge Pose was swapped for", note);
        Assert.Empty(page.QuerySelectorAll("#warnings li"));

        // The swapped-in exercise keeps the bridge's dosage (hold 15–30 s).
        var bridgeIndex = 2;
        Assert.Equal("15", page.QuerySelector<IHtmlInputElement>($"input[name='Input.Items[{bridgeIndex}].HoldMinSeconds']")!.Value);

        // Undo: the bridge is back, and so is its warning, with the alternatives offered.
        var undo = page.QuerySelector<IHtmlButtonElement>(".swap-note button")!;
        var (_, undone) = await client.PostPageAsync(page, Url(patient.Id, "Swap"), [F("swap", undo.Value)]);
        Assert.Contains(Names(undone), n => n.EndsWith("Pregnancy Bridge Pose", StringComparison.Ordinal));
        Assert.Null(undone.QuerySelector(".swap-note"));
        var warning = undone.QuerySelectorAll("#warnings li").Single(li => li.TextContent.Contains("lying flat on the back"));
        var offers = warning.QuerySelectorAll<IHtmlButtonElement>(".safer-swaps button").ToList();
        Assert.NotEmpty(offers);

        // Swap again by one click: the warning goes, and saving needs no acknowledgement.
        var (_, swapped) = await client.PostPageAsync(undone, Url(patient.Id, "Swap"), [F("swap", offers[0].Value)]);
        Assert.Empty(swapped.QuerySelectorAll("#warnings li"));
        var (saved, _) = await client.PostPageAsync(swapped, Url(patient.Id, "Save"), []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var s = factory.SystemDb();
        var v = await s.Db.PrescriptionVersions.Include(x => x.Exercises)
            .SingleAsync(x => s.Db.Prescriptions.Any(p => p.Id == x.PrescriptionId && p.PatientId == patient.Id));
        Assert.DoesNotContain(v.Exercises, e => e.Name == "Pregnancy Bridge Pose");
        Assert.Empty(v.AcknowledgedWarnings);
        Assert.Contains(v.Exercises, e => e.Dosage.HoldMinSeconds == 15 && e.Dosage.HoldMaxSeconds == 30);
    }

    [Fact]
    public async Task In_the_first_trimester_nothing_is_swapped()
    {
        var (client, patient, _) = await PregnantInWeekAsync(4);
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        Assert.Null(page.QuerySelector(".swap-note"));
    }

    [Fact]
    public async Task A_swap_to_another_clinic_s_exercise_is_refused_and_nothing_changes()
    {
        var (client, patient, _) = await PregnantInWeekAsync(22);
        var other = await factory.ClinicAsync();
        var foreign = new Exercise
        {
            Id = Guid.NewGuid(), ClinicId = other.Id, Slug = "foreign-" + TestData.Unique(), Name = "Foreign Stretch", Targets = "Strengthens the buttocks",
            Group = ExerciseGroup.Pregnancy, Position = StartingPosition.Standing,
        };
        await using (var s = factory.SystemDb())
        {
            s.Db.Exercises.Add(foreign);
            await s.Db.SaveChangesAsync();
        }
        var (_, page) = await client.GetPageAsync(Url(patient.Id));
        var before = Names(page);
        var firstId = page.QuerySelector<IHtmlInputElement>("input[name='Input.Items[0].ExerciseId']")!.Value;
        var (response, back) = await client.PostPageAsync(page, Url(patient.Id, "Swap"), [F("swap", $"{firstId}:{foreign.Id}")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not possible", back.Body!.TextContent);
        Assert.Equal(before, Names(back));
        // Garbage is refused the same way.
        var (garbage, garbagePage) = await client.PostPageAsync(page, Url(patient.Id, "Swap"), [F("swap", "<script>alert(1)</script>")]);
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal(before, Names(garbagePage));
    }
}
