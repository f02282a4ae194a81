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
}
