using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>How large an exercise's picture is drawn.</summary>
public enum PictureSize
{
    /// <summary>In a list row (library, builder, patient's log).</summary>
    Thumbnail,

    /// <summary>Beside the steps (patient's home, version page).</summary>
    Medium,

    /// <summary>The exercise's own page.</summary>
    Large,
}

/// <summary>
/// The picture of an exercise wherever one is shown (_ExercisePicture.cshtml): the two key frames of a built-in
/// exercise as inline SVG; for a clinic's own exercise its first photo where a small picture stands for it (a list
/// row), else a neutral placeholder. Beside an exercise's photos nothing is drawn: an exercise with photos shows its
/// photos only. Inline rather than files: the page renders in one request, the SVG is small (under 4 KB, rendered
/// once per exercise and cached) and the page's stylesheet can animate it without script.
/// </summary>
public sealed record ExercisePicture(string? Slug, string Name, PictureSize Size = PictureSize.Thumbnail, string? PhotoKey = null)
{
    /// <summary>The pair of frames as SVG markup (built by us from data, text encoded), or null: show the photo or the placeholder.</summary>
    public string? Svg => ExerciseIllustrations.Svg(Slug, Name);

    public string CssClass => Size switch
    {
        PictureSize.Large => "exercise-picture exercise-picture-large",
        PictureSize.Medium => "exercise-picture exercise-picture-medium",
        _ => "exercise-picture exercise-picture-thumb",
    };

    /// <summary>For a built-in exercise of the library (a clinic's own exercise never borrows a built-in pose).</summary>
    public static ExercisePicture For(Exercise exercise, PictureSize size = PictureSize.Thumbnail) =>
        new(exercise.IsBuiltIn ? exercise.Slug : null, exercise.Name, size);

    /// <summary>The picture to draw next to the exercise's photos (loaded with it): none when it has photos.</summary>
    public static ExercisePicture? Beside(Exercise exercise, PictureSize size = PictureSize.Thumbnail) =>
        exercise.Media.Any(m => m.Kind == MediaKind.Photo) ? null : For(exercise, size);

    /// <summary>The picture to draw next to a prescribed exercise's photos: none when it was prescribed with photos.</summary>
    public static ExercisePicture? Beside(PrescribedExercise exercise, PictureSize size) =>
        exercise.PhotoKeys.Count > 0 ? null : new(exercise.Slug, exercise.Name, size);

    /// <summary>A list row's small picture of a prescribed exercise: the pose, else its first photo, else the placeholder.</summary>
    public static ExercisePicture Thumbnail(PrescribedExercise exercise) =>
        new(exercise.Slug, exercise.Name, PictureSize.Thumbnail, exercise.PhotoKeys.FirstOrDefault());
}
