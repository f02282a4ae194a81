namespace PhysioPortal.Core.Illustrations;

public enum PropKind
{
    /// <summary>An exercise mat on the floor, from <see cref="Prop.X"/> over <see cref="Prop.Width"/>.</summary>
    Mat,

    /// <summary>A chair seen from the side: the front edge of the seat at X, the backrest behind (or in front
    /// when <see cref="Prop.Flipped"/>). Seen from the front: the seat centred at X.</summary>
    Chair,

    /// <summary>A desk or counter: the near edge of the top at X, the top reaching away from the figure (toward
    /// smaller x when <see cref="Prop.Flipped"/>).</summary>
    Desk,

    /// <summary>A wall whose face is at X; the wall is behind (smaller x), or in front when Flipped. Seen from the
    /// front it is the background.</summary>
    Wall,

    /// <summary>A foam roller lying across the floor, centred at X.</summary>
    FoamRoller,

    /// <summary>A pillow or folded towel on the surface below it, centred at X, on top of <see cref="Prop.Y"/>.</summary>
    Pillow,
}

/// <summary>Something the figure uses or rests on, placed in the frame (units of H; y = 0 is the floor).</summary>
public sealed record Prop(PropKind Kind, double X, double Y = 0, double Width = 0, bool Flipped = false)
{
    public const double SeatHeight = 0.25;
    public const double SeatDepth = 0.24;
    public const double BackrestHeight = 0.6;
    public const double DeskHeight = 0.42;
    public const double DeskDepth = 0.36;
    public const double RollerRadius = 0.045;
    public const double PillowHeight = 0.04;

    /// <summary>Flat surfaces a body part may rest on: (left x, right x, height).</summary>
    public IEnumerable<(double X1, double X2, double Y)> Surfaces(View view)
    {
        switch (Kind)
        {
            case PropKind.Chair when view == View.Side:
                yield return Flipped ? (X, X + SeatDepth, SeatHeight) : (X - SeatDepth, X, SeatHeight);
                break;
            case PropKind.Chair:
                yield return (X - SeatDepth / 2 - 0.02, X + SeatDepth / 2 + 0.02, SeatHeight);
                break;
            case PropKind.Desk:
                yield return Flipped ? (X - DeskDepth, X, DeskHeight) : (X, X + DeskDepth, DeskHeight);
                break;
            case PropKind.FoamRoller:
                yield return (X - RollerRadius * 0.6, X + RollerRadius * 0.6, 2 * RollerRadius);
                break;
            case PropKind.Pillow:
                var w = Width > 0 ? Width : 0.16;
                yield return (X - w / 2, X + w / 2, Y + PillowHeight);
                break;
        }
    }
}

/// <summary>An arrow of motion drawn on the second frame.</summary>
public abstract record Arrow;

/// <summary>From where <paramref name="Landmark"/> is in the first frame to where it is in the second, curved by
/// <paramref name="Bend"/> (a fraction of its length, to the left of the way it goes), moved by (Dx, Dy) in H and
/// scaled about its middle by <paramref name="Scale"/>.</summary>
public sealed record MoveArrow(Landmark Landmark, double Bend = 0.2, double Dx = 0, double Dy = 0, double Scale = 1) : Arrow;

/// <summary>A circular arrow around <paramref name="Landmark"/> (in the second frame): radius in H, start angle and
/// sweep in degrees (0 = to the right, counter-clockwise positive as seen).</summary>
public sealed record TurnArrow(Landmark Landmark, double Radius, double From, double Sweep, double Dx = 0, double Dy = 0) : Arrow;

/// <summary>A straight arrow at <paramref name="Landmark"/> (in the second frame), moved by (Dx, Dy), pointing at
/// <paramref name="Angle"/> degrees as seen (0: right, 90: up), <paramref name="Length"/> long (in H).</summary>
public sealed record PointArrow(Landmark Landmark, double Angle, double Length = 0.12, double Dx = 0, double Dy = 0) : Arrow;

/// <summary>Which support a body part rests on in a frame, as the physical checks verify it.</summary>
[Flags]
public enum Contacts
{
    None = 0,
    BackOnSupport = 1,
    FrontOnFloor = 2,
    SideOnFloor = 4,
    BothHandsDown = 8,
    BothKneesDown = 16,
    OneKneeDown = 32,
    BothFeetDown = 64,
    OneFootDown = 128,
    PelvisOnSeat = 256,
    ForearmDown = 512,
}

/// <summary>
/// The two key frames of one exercise: the start and the end (or the held position and the way into it), the
/// props, the arrows of motion and a caption for each frame (what the picture shows, for its text alternative).
/// </summary>
public sealed record Illustration
{
    public required View View { get; init; }

    /// <summary>Size of each frame in H: wide and low for floor exercises, taller for standing ones.</summary>
    public double FrameWidth { get; init; } = 1.5;

    public double FrameHeight { get; init; } = 1.3;

    public required Pose Start { get; init; }

    public required Pose End { get; init; }

    public required string StartCaption { get; init; }

    public required string EndCaption { get; init; }

    public IReadOnlyList<Prop> Props { get; init; } = [];

    public IReadOnlyList<Arrow> Arrows { get; init; } = [];

    /// <summary>What must touch in the second frame, when it differs from what the starting position implies.</summary>
    public Contacts? EndContacts { get; init; }

    /// <summary>The text alternative of the pair: what the two pictures show.</summary>
    public string AltText(string name) => $"{name}: {StartCaption}; then {EndCaption}.";
}
