using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>Puts a clinic's own exercise straight into the database (the library pages have their own tests).</summary>
public static class TestLibrary
{
    public static async Task<Exercise> OwnExerciseAsync(this PortalFactory factory, Guid clinicId, Action<Exercise>? configure = null)
    {
        await using var s = factory.SystemDb();
        var unique = TestData.Unique();
        var exercise = new Exercise
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            Slug = "own-" + unique,
            Name = "Own exercise " + unique,
            Group = ExerciseGroup.Hips,
            Position = StartingPosition.Standing,
            Equipment = Equipment.Chair,
            Steps = ["Stand behind a chair.", "Rise onto your toes.", "Lower slowly."],
            Targets = "Strengthens the calves.",
            DefaultDosage = new Dosage { RepsMin = 10 },
            Regions = BodyRegions.AnkleFoot,
        };
        configure?.Invoke(exercise);
        s.Db.Exercises.Add(exercise);
        await s.Db.SaveChangesAsync();
        return exercise;
    }

    /// <summary>A clinic's own routine: a copy of the built-in core routine's exercises and dosages, under a name of its own.</summary>
    public static async Task<RoutineTemplate> OwnRoutineAsync(this PortalFactory factory, Guid clinicId, string? name = null)
    {
        await using var s = factory.SystemDb();
        var core = await s.Db.RoutineTemplates.AsNoTracking().Include(t => t.Items).SingleAsync(t => t.ClinicId == null && t.Slug == "core");
        var unique = TestData.Unique();
        var routine = new RoutineTemplate
        {
            Id = Guid.NewGuid(), ClinicId = clinicId, Slug = "own-routine-" + unique, Name = name ?? "Own routine " + unique,
            Condition = core.Condition, Description = "",
            Items = core.Items.Select(i => new RoutineTemplateItem { Id = Guid.NewGuid(), ExerciseId = i.ExerciseId, Position = i.Position, Dosage = i.Dosage }).ToList(),
        };
        s.Db.RoutineTemplates.Add(routine);
        await s.Db.SaveChangesAsync();
        return routine;
    }
}
