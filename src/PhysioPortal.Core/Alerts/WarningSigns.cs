using System.Text.RegularExpressions;

namespace PhysioPortal.Core.Alerts;

/// <summary>A span of a patient's note that names a warning sign: where it is, the words, and which sign.</summary>
public sealed record WarningSignMatch(string Sign, int Start, int Length, string Text);

/// <summary>
/// Finds the warning signs of the handout's stop box in what a patient writes: bladder or bowel control,
/// numbness in the saddle area, numbness or weakness in a leg, chest pain, dizziness or fainting, calf pain or
/// swelling, vaginal bleeding or fluid, contractions, fever, a fall. Word forms count ("dizzy", "fainted", "fell");
/// phrases that only look alike do not ("fell asleep", "fall behind"). A negation ("no dizziness") still matches: the
/// clinician reads the note, a missed sign costs more than a look.
/// </summary>
public static partial class WarningSigns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Up to 4 words between two halves of a phrase ("numbness down my left leg", "leg went a bit numb").
    private const string Gap = @"(?:\W+\w+){0,4}?\W+";
    private const string Numb = @"(?:numb\w*|tingl\w*|pins\s+and\s+needles|weak\w*|gave\s+way|gives?\s+way|giving\s+way|buckl\w*)";
    private const string Leg = @"(?:legs?|foot|feet|thighs?|knees?)";
    private const string Saddle = @"(?:groin|genitals?|crotch|bottom|buttocks?|bum|private\s+parts|inner\s+thighs?|between\s+(?:my|the)\s+legs)";
    private const string CalfHurt = @"(?:pain\w*|hurt\w*|ach\w*|sore\w*|swell\w*|swollen|tender\w*|red|hot|warm|throb\w*|cramp\w*)";

    /// <summary>Each sign in plain words, with its patterns (first the more specific).</summary>
    public static readonly IReadOnlyList<(string Sign, Regex Pattern)> Signs =
    [
        ("bladder or bowel control", new Regex(
            @"\b(?:bladder|bowels?|incontinen\w*|wet\s+(?:myself|the\s+bed)|pee(?:d)?\s+myself|soiled\s+myself|(?:could\s*n[o']?t|can\s*n?[o']?t|cannot)\s+(?:hold|control)\s+(?:my\s+)?(?:urine|wee|pee|poo|stool)s?)\b", Options)),
        ("numbness in the saddle area", new Regex(
            $@"\bsaddle\b|\b{Numb}{Gap}{Saddle}\b|\b{Saddle}{Gap}(?:numb\w*|tingl\w*)", Options)),
        ("numbness or weakness in a leg", new Regex(
            $@"\b{Numb}{Gap}{Leg}\b|\b{Leg}{Gap}{Numb}", Options)),
        ("chest pain", new Regex(
            @"\bchest\W+(?:\w+\W+){0,2}?(?:pain\w*|tight\w*|pressure|hurt\w*|ach\w*|sore\w*)|\b(?:pain|tightness|pressure|ache)\s+in\s+(?:my\s+|the\s+)?chest\b|\bangina\b", Options)),
        ("dizziness or fainting", new Regex(
            @"\b(?:dizz\w*|faint\w*|light[\s-]?headed\w*|pass(?:ed|ing)?\s+out|black(?:ed|ing)?\s+out|vertigo|giddy|room\s+(?:was\s+)?spinning)\b", Options)),
        ("calf pain or swelling", new Regex(
            $@"\bcal(?:f|ves)\b{Gap}{CalfHurt}\b|\b{CalfHurt}{Gap}cal(?:f|ves)\b", Options)),
        ("vaginal bleeding or fluid", new Regex(
            @"\b(?:vagina\w*|bleed\w*|bled|spotting|blood(?!\s+(?:pressure|tests?|sugars?|work))|waters?\s+(?:broke|breaking|went|have\s+gone)|leak\w*\s+(?:\w+\s+)?(?:fluid|water)|fluid\s+leak\w*)\b", Options)),
        ("contractions", new Regex(
            @"\b(?:contraction\w*|braxton|(?:tighten\w*|cramp\w*)\s+(?:of|in)\s+(?:my\s+)?(?:bump|belly|tummy|stomach|womb))\b", Options)),
        ("fever", new Regex(
            @"\b(?:fever\w*|feverish|(?:a|high)\s+temperature|temp\s+of|chills|shiver\w*)\b", Options)),
        ("a fall", new Regex(
            @"\b(?:fell|fall(?:s|en|ing)?|tripped|trip\s+over|slipped(?!\s+discs?)|lost\s+(?:my\s+)?balance)\b(?!\s+(?:asleep|behind|short|apart|for\b|in\s+love|back\s+asleep))", Options)),
    ];

    /// <summary>Every warning sign the text names, in the order they appear (overlaps dropped). Empty for no text.</summary>
    public static IReadOnlyList<WarningSignMatch> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var all = new List<WarningSignMatch>();
        foreach (var (sign, pattern) in Signs)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Length > 0) all.Add(new WarningSignMatch(sign, m.Index, m.Length, m.Value));
            }
        }
        var result = new List<WarningSignMatch>();
        foreach (var m in all.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            if (result.Count > 0 && m.Start < result[^1].Start + result[^1].Length) continue;
            result.Add(m);
        }
        return result;
    }

    /// <summary>The signs named, each once, in plain words ("dizziness or fainting, a fall").</summary>
    public static IReadOnlyList<string> SignsIn(IEnumerable<WarningSignMatch> matches) => matches.Select(m => m.Sign).Distinct().ToList();

    /// <summary>
    /// The text cut into pieces, each marked as a match or not, for highlighting. The caller encodes each piece
    /// (Razor does), so a note never becomes markup.
    /// </summary>
    public static IReadOnlyList<(string Text, bool Matched)> Pieces(string? text, IReadOnlyList<WarningSignMatch> matches)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var pieces = new List<(string, bool)>();
        var at = 0;
        foreach (var m in matches.OrderBy(m => m.Start))
        {
            if (m.Start < at || m.Start + m.Length > text.Length) continue;
            if (m.Start > at) pieces.Add((text[at..m.Start], false));
            pieces.Add((text.Substring(m.Start, m.Length), true));
            at = m.Start + m.Length;
        }
        if (at < text.Length) pieces.Add((text[at..], false));
        return pieces;
    }
}
