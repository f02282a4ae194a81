using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Core.Handouts;

/// <summary>Every size, colour and margin of the handout, in one place.</summary>
public static class HandoutTypography
{
    // Colours
    public static readonly RgbColor Teal = RgbColor.FromHex("#0F766E");
    public static readonly RgbColor Ink = RgbColor.FromHex("#1F2937");
    public static readonly RgbColor Muted = RgbColor.FromHex("#4B5563");
    public static readonly RgbColor Faint = RgbColor.FromHex("#6B7280");
    public static readonly RgbColor Hairline = RgbColor.FromHex("#D1D5DB");
    public static readonly RgbColor TableBorder = RgbColor.FromHex("#9CA3AF");
    public static readonly RgbColor TableHeaderFill = RgbColor.FromHex("#E6F2F1");
    public static readonly RgbColor NoteFill = RgbColor.FromHex("#F0FDFA");
    public static readonly RgbColor AmberFill = RgbColor.FromHex("#FEF3C7");
    public static readonly RgbColor AmberAccent = RgbColor.FromHex("#B45309");
    public static readonly RgbColor AmberText = RgbColor.FromHex("#78350F");

    // Sizes (points)
    public const double BodySize = 10.5;
    public const double SmallSize = 8.5;
    public const double TitleSize = 22;
    public const double ExerciseHeadingSize = 14;
    public const double SectionHeadingSize = 13;
    public const double ClinicNameSize = 15;
    public const double QrCodeSize = 62;
    public const double QrColumnWidth = 120;

    // Spacing (points)
    public const double SpaceBetweenExercises = 18;
    public const double SpaceInsideExercise = 5;

    public static Margins PageMargins => new(50, 40, 50, 34);

    public static PageSize PageSizeFor(Clinics.PaperSize paper) =>
        paper == Clinics.PaperSize.Letter ? PageSize.Letter : PageSize.A4;

    // Text styles
    public static TextStyle Body => new() { Size = BodySize, Color = Ink, LineHeight = 1.4 };

    public static TextStyle BodyBold => Body.AsBold();

    public static TextStyle Lead => Body with { Color = Muted, LineHeight = 1.5 };

    public static TextStyle Small => new() { Size = SmallSize, Color = Muted, LineHeight = 1.35 };

    public static TextStyle SmallBold => Small.AsBold();

    public static TextStyle QrCaption => new() { Size = 7.5, Color = Muted, LineHeight = 1.3 };

    public static TextStyle Title => new() { Size = TitleSize, Bold = true, Color = Ink, LineHeight = 1.2 };

    public static TextStyle ClinicName => new() { Size = ClinicNameSize, Bold = true, Color = Teal, LineHeight = 1.25 };

    public static TextStyle ExerciseHeading => new() { Size = ExerciseHeadingSize, Bold = true, Color = Teal, LineHeight = 1.25 };

    public static TextStyle SectionHeading => ExerciseHeading with { Size = SectionHeadingSize };

    public static TextStyle Dosage => BodyBold;

    public static TextStyle StepNumber => BodyBold.WithColor(Teal);

    public static TextStyle Meta => new() { Size = 9.5, Color = Muted, LineHeight = 1.35 };

    public static TextStyle MetaLabel => Meta.AsBold();

    public static TextStyle TableHeader => new() { Size = 9, Bold = true, Color = Ink, LineHeight = 1.25 };

    public static TextStyle TableText => new() { Size = 9, Color = Ink, LineHeight = 1.25 };

    public static TextStyle Footer => new() { Size = 8, Color = Faint, LineHeight = 1.2 };

    public static TextStyle FooterBold => Footer.AsBold().WithColor(Ink);

    public static CalloutStyle StopBox => new()
    {
        Background = AmberFill,
        AccentColor = AmberAccent,
        TitleStyle = new TextStyle { Size = 11.5, Bold = true, Color = AmberText, LineHeight = 1.35 },
        BodyStyle = new TextStyle { Size = 10, Color = AmberText, LineHeight = 1.4 },
        Padding = 10,
    };

    public static CalloutStyle CautionBox => new()
    {
        Background = AmberFill,
        AccentColor = AmberAccent,
        TitleStyle = new TextStyle { Size = 9.5, Bold = true, Color = AmberText, LineHeight = 1.35 },
        BodyStyle = new TextStyle { Size = 9.5, Color = AmberText, LineHeight = 1.35 },
        Padding = 7,
    };
}
