namespace PhysioPortal.Core.Exercises;

/// <summary>A clinician's star on an exercise or a routine: starred ones come first in the builder.</summary>
public class Favourite
{
    public required string UserId { get; set; }
    public Guid ClinicId { get; set; }
    public FavouriteKind Kind { get; set; }
    public Guid TargetId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum FavouriteKind
{
    Exercise,
    Routine,
}
