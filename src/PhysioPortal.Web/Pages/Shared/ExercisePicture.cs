using PhysioPortal.Core.Exercises;

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
/// exercise as inline SVG, or a neutral placeholder for an exercise without a pose (a clinic's own). Inline rather
/// than files: the page renders in one request, the SVG is small (under 4 KB, rendered once per exercise and cached)
/// and the page's stylesheet can animate it without script.
/// </summary>
public sealed record ExercisePicture(string? Slug, string Name, PictureSize Size = PictureSize.Thumbnail)
{
    /// <summary>The pair of frames as SVG markup (built by us from data, text encoded), or null: show the placeholder.</summary>
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
}
