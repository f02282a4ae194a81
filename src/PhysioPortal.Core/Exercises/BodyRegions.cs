namespace PhysioPortal.Core.Exercises;

/// <summary>
/// Where on the body an exercise works: a second way to find exercises beside the condition groups. An exercise may
/// have several.
/// </summary>
[Flags]
public enum BodyRegions
{
    None = 0,
    Neck = 1,
    UpperBack = 2,
    LowerBack = 4,
    Hips = 8,
    Knees = 16,
    AnkleFoot = 32,
    Shoulder = 64,
    Core = 128,
    WholeBody = 256,
}

public static class BodyRegionText
{
    /// <summary>Each single region, in the order a clinician reads a body: top to bottom, then core and whole body.</summary>
    public static IReadOnlyList<BodyRegions> All { get; } =
    [
        BodyRegions.Neck, BodyRegions.Shoulder, BodyRegions.UpperBack, BodyRegions.LowerBack, BodyRegions.Core,
        BodyRegions.Hips, BodyRegions.Knees, BodyRegions.AnkleFoot, BodyRegions.WholeBody,
    ];

    public const BodyRegions Every = (BodyRegions)511;

    public static string Label(this BodyRegions region) => region switch
    {
        BodyRegions.Neck => "Neck",
        BodyRegions.UpperBack => "Upper back",
        BodyRegions.LowerBack => "Lower back",
        BodyRegions.Hips => "Hips",
        BodyRegions.Knees => "Knees",
        BodyRegions.AnkleFoot => "Ankle and foot",
        BodyRegions.Shoulder => "Shoulder",
        BodyRegions.Core => "Core",
        BodyRegions.WholeBody => "Whole body",
        _ => region.ToString(),
    };

    public static IEnumerable<BodyRegions> Each(this BodyRegions regions) => All.Where(r => regions.HasFlag(r));

    public static string Text(this BodyRegions regions) =>
        regions == BodyRegions.None ? "" : string.Join(", ", regions.Each().Select(r => r.Label()));
}

/// <summary>
/// The body regions of the built-in exercises, by slug: our reading of what each exercise works on (its steps and
/// its "targets" line), kept beside the article's data rather than inside it.
/// </summary>
public static class BuiltInRegions
{
    private const BodyRegions Upper = BodyRegions.UpperBack;
    private const BodyRegions Lower = BodyRegions.LowerBack;

    private static readonly Dictionary<string, BodyRegions> BySlug = new(StringComparer.Ordinal)
    {
        ["upper-back-stretch"] = Upper | BodyRegions.Shoulder,
        ["shoulder-rolls"] = BodyRegions.Shoulder | Upper | BodyRegions.Neck,
        ["chest-opener"] = BodyRegions.Shoulder | Upper,
        ["seated-twist"] = Upper | Lower,
        ["cat-camel-stretch"] = Lower | Upper,
        ["knee-to-chest-stretch"] = Lower | BodyRegions.Hips,
        ["pelvic-tilts"] = Lower | BodyRegions.Core,
        ["bridge-pose"] = Lower | BodyRegions.Hips | BodyRegions.Core,
        ["plank"] = BodyRegions.Core | BodyRegions.WholeBody,
        ["bird-dog"] = BodyRegions.Core | Lower,
        ["superman"] = Lower | Upper,
        ["dead-bug"] = BodyRegions.Core,
        ["childs-pose"] = Lower | BodyRegions.Hips,
        ["pigeon-pose"] = BodyRegions.Hips,
        ["forward-fold"] = Lower | BodyRegions.Hips,
        ["standing-hamstring-stretch"] = BodyRegions.Hips | BodyRegions.Knees,
        ["wall-angels"] = BodyRegions.Shoulder | Upper,
        ["scapular-squeeze"] = Upper | BodyRegions.Shoulder,
        ["upper-back-extension"] = Upper,
        ["neck-retraction"] = BodyRegions.Neck,
        ["hip-flexor-stretch"] = BodyRegions.Hips,
        ["piriformis-stretch"] = BodyRegions.Hips,
        ["seated-figure-four-stretch"] = BodyRegions.Hips,
        ["lunges"] = BodyRegions.Hips | BodyRegions.Knees | BodyRegions.WholeBody,
        ["seated-spinal-twist"] = Upper | Lower,
        ["chair-cat-camel-stretch"] = Upper | Lower,
        ["desk-shoulder-stretch"] = BodyRegions.Shoulder | Upper,
        ["standing-hamstring-stretch-desk"] = BodyRegions.Hips | BodyRegions.Knees,
        ["pregnancy-cat-camel-stretch"] = Lower | Upper,
        ["prenatal-pelvic-tilts"] = Lower | BodyRegions.Core,
        ["pregnancy-bridge-pose"] = Lower | BodyRegions.Hips,
        ["side-lying-leg-lifts"] = BodyRegions.Hips,
        ["sciatic-nerve-glide"] = Lower | BodyRegions.Knees | BodyRegions.AnkleFoot,
        ["knee-to-shoulder-stretch"] = BodyRegions.Hips | Lower,
        ["standing-piriformis-stretch"] = BodyRegions.Hips,
        ["prone-press-ups"] = Lower,
        ["seated-side-bend"] = Upper | Lower | BodyRegions.Core,
        ["foam-rolling"] = Upper,
        ["side-plank"] = BodyRegions.Core | BodyRegions.Hips,
    };

    /// <summary>The regions of a built-in exercise; every built-in exercise has at least one (a test checks).</summary>
    public static BodyRegions For(string slug) => BySlug.GetValueOrDefault(slug);
}
