using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>What the photo-and-video partial shows: stored-object keys (a library exercise's, or a prescription's snapshot).</summary>
public sealed record ExerciseMediaView(string ExerciseName, IReadOnlyList<(string Key, int Width, int Height)> Photos, string? VideoKey, string? VideoType)
{
    public bool IsEmpty => Photos.Count == 0 && VideoKey is null;

    public static ExerciseMediaView Of(Exercise e) => new(e.Name,
        e.Media.Where(m => m.Kind == MediaKind.Photo).OrderBy(m => m.Position).Select(m => (m.Key, m.Width, m.Height)).ToList(),
        e.Media.FirstOrDefault(m => m.Kind == MediaKind.Video)?.Key, e.Media.FirstOrDefault(m => m.Kind == MediaKind.Video)?.ContentType);

    public static ExerciseMediaView Of(PrescribedExercise e) =>
        new(e.Name, e.PhotoKeys.Select(k => (k, 0, 0)).ToList(), e.VideoKey, e.VideoType);
}
