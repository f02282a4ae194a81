namespace PhysioPortal.Core.Exercises;

/// <summary>
/// A photo or the video of a clinic's own exercise. It points at immutable stored objects by their SHA-256 key, so a
/// prescription that copied these keys keeps showing exactly what the patient was given, whatever happens later.
/// </summary>
public class ExerciseMedia
{
    public const int MaxPhotos = 4;
    public const int MaxVideos = 1;

    public Guid Id { get; set; }
    public Guid ExerciseId { get; set; }
    public MediaKind Kind { get; set; }
    public int Position { get; set; }

    /// <summary>The web-size photo, or the video.</summary>
    public required string Key { get; set; }

    /// <summary>The print-size photo (the handout embeds it); null for a video.</summary>
    public string? PrintKey { get; set; }

    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum MediaKind
{
    Photo,
    Video,
}
