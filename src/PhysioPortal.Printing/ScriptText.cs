using System.Text;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Turns a line of text as typed (logical order) into the characters to draw left to right (visual order), for a
/// PDF writer that places characters one after the other and does no shaping (PDFsharp 6.2.4):
/// - Arabic letters take their joined forms (Unicode's Arabic Presentation Forms, which the fonts carry), including
///   the lam-alef ligatures; Persian/Urdu letters with presentation forms too;
/// - right-to-left runs (Arabic, Hebrew) are reversed, with numbers inside them kept left to right and brackets
///   mirrored (a simplified Unicode Bidirectional Algorithm: one paragraph level from the first strong letter, no
///   explicit embeddings);
/// - emoji variation selectors, skin-tone modifiers and joiners are dropped (the fallback font draws the base emoji
///   in one colour).
/// Text without any of these comes back as the same string instance (the common case costs one scan).
/// See docs/decisions/0008-scripts-in-handouts.md.
/// </summary>
public static class ScriptText
{
    public static string Visual(string logical)
    {
        ArgumentNullException.ThrowIfNull(logical);
        var needs = false;
        foreach (var c in logical)
        {
            if (c >= '\u0590' && c <= '\u08FF' || c >= '\uFB1D' && c <= '\uFEFF' || c == '\u200D' || c >= '\uFE00' && c <= '\uFE0F' || char.IsSurrogate(c))
            {
                needs = true;
                break;
            }
        }
        if (!needs) return logical;
        var runes = Clean(logical);
        runes = Shape(runes);
        return Reorder(runes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Emoji clean-up

    private static List<int> Clean(string text)
    {
        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is 0x200D or >= 0xFE00 and <= 0xFE0F or >= 0x1F3FB and <= 0x1F3FF or >= 0xE0020 and <= 0xE007F) continue;
            result.Add(v);
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arabic shaping

    private enum Joining { None, Right, Dual, Causing, Transparent }

    /// <summary>Letter → (isolated form; forms follow as final, initial, medial for dual-joining letters).</summary>
    private static readonly Dictionary<int, (int Isolated, bool Dual)> Forms = BuildForms();

    private static Dictionary<int, (int, bool)> BuildForms()
    {
        var d = new Dictionary<int, (int, bool)>
        {
            [0x0621] = (0xFE80, false), [0x0622] = (0xFE81, false), [0x0623] = (0xFE83, false), [0x0624] = (0xFE85, false),
            [0x0625] = (0xFE87, false), [0x0626] = (0xFE89, true), [0x0627] = (0xFE8D, false), [0x0628] = (0xFE8F, true),
            [0x0629] = (0xFE93, false), [0x062A] = (0xFE95, true), [0x062B] = (0xFE99, true), [0x062C] = (0xFE9D, true),
            [0x062D] = (0xFEA1, true), [0x062E] = (0xFEA5, true), [0x062F] = (0xFEA9, false), [0x0630] = (0xFEAB, false),
            [0x0631] = (0xFEAD, false), [0x0632] = (0xFEAF, false), [0x0633] = (0xFEB1, true), [0x0634] = (0xFEB5, true),
            [0x0635] = (0xFEB9, true), [0x0636] = (0xFEBD, true), [0x0637] = (0xFEC1, true), [0x0638] = (0xFEC5, true),
            [0x0639] = (0xFEC9, true), [0x063A] = (0xFECD, true), [0x0641] = (0xFED1, true), [0x0642] = (0xFED5, true),
            [0x0643] = (0xFED9, true), [0x0644] = (0xFEDD, true), [0x0645] = (0xFEE1, true), [0x0646] = (0xFEE5, true),
            [0x0647] = (0xFEE9, true), [0x0648] = (0xFEED, false), [0x0649] = (0xFEEF, false), [0x064A] = (0xFEF1, true),
            // Persian and Urdu letters (Arabic Presentation Forms-A)
            [0x067E] = (0xFB56, true), [0x0686] = (0xFB7A, true), [0x0698] = (0xFB8A, false), [0x06A9] = (0xFB8E, true),
            [0x06AF] = (0xFB92, true), [0x06CC] = (0xFBFC, true),
        };
        return d;
    }

    private static Joining JoiningOf(int c) =>
        Forms.TryGetValue(c, out var f) ? (f.Dual ? Joining.Dual : Joining.Right)
        : c == 0x0640 ? Joining.Causing
        : c is >= 0x064B and <= 0x065F or 0x0670 ? Joining.Transparent
        : Joining.None;

    private static List<int> Shape(List<int> text)
    {
        var hasArabic = text.Exists(c => Forms.ContainsKey(c));
        if (!hasArabic) return text;
        var result = new List<int>(text.Count);
        for (var i = 0; i < text.Count; i++)
        {
            var c = text[i];
            if (!Forms.TryGetValue(c, out var form))
            {
                result.Add(c);
                continue;
            }
            var prev = Neighbour(text, i, -1);
            var joinsPrev = prev >= 0 && JoiningOf(text[prev]) is Joining.Dual or Joining.Causing;
            // lam + alef: one ligature glyph (isolated or final)
            if (c == 0x0644 && Neighbour(text, i, +1) is var n && n >= 0 && text[n] is 0x0622 or 0x0623 or 0x0625 or 0x0627)
            {
                var lig = text[n] switch { 0x0622 => 0xFEF5, 0x0623 => 0xFEF7, 0x0625 => 0xFEF9, _ => 0xFEFB };
                result.Add(joinsPrev ? lig + 1 : lig);
                for (var k = i + 1; k < n; k++) result.Add(text[k]); // marks between them
                i = n;
                continue;
            }
            var next = Neighbour(text, i, +1);
            var joinsNext = form.Dual && next >= 0 && JoiningOf(text[next]) is Joining.Dual or Joining.Right or Joining.Causing;
            result.Add(!form.Dual
                ? form.Isolated + (joinsPrev ? 1 : 0)
                : form.Isolated + (joinsPrev && joinsNext ? 3 : joinsNext ? 2 : joinsPrev ? 1 : 0));
        }
        return result;
    }

    /// <summary>The index of the nearest letter before or after i, skipping transparent marks; -1 if none.</summary>
    private static int Neighbour(List<int> text, int i, int step)
    {
        for (var j = i + step; j >= 0 && j < text.Count; j += step)
        {
            if (JoiningOf(text[j]) != Joining.Transparent) return j;
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bidirectional reordering (simplified UAX #9)

    private enum Kind { L, R, Number, Neutral }

    private static Kind KindOf(int c)
    {
        if (c is >= 0x0590 and <= 0x05FF or >= 0x0600 and <= 0x065F or >= 0x066A and <= 0x06EF or >= 0x06FA and <= 0x08FF
            or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF)
            return Kind.R;
        if (c is >= '0' and <= '9' or >= 0x0660 and <= 0x0669 or >= 0x06F0 and <= 0x06F9) return Kind.Number;
        return Rune.IsLetter(new Rune(c)) ? Kind.L : Kind.Neutral;
    }

    private static string Reorder(List<int> text)
    {
        var kinds = text.Select(KindOf).ToArray();
        if (!kinds.Contains(Kind.R)) return string.Concat(text.Select(c => char.ConvertFromUtf32(c)));
        var firstStrong = Array.Find(kinds, k => k is Kind.L or Kind.R);
        var baseLevel = firstStrong == Kind.R ? 1 : 0;
        var levels = new int[text.Count];
        // W7: a number after a left-to-right letter (or at the start of a left-to-right paragraph) counts as one.
        var lastStrong = baseLevel == 1 ? Kind.R : Kind.L;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] is Kind.L or Kind.R) lastStrong = kinds[i];
            else if (kinds[i] == Kind.Number && lastStrong == Kind.L) kinds[i] = Kind.L;
        }
        // I1/I2: levels of letters and numbers.
        for (var i = 0; i < kinds.Length; i++)
        {
            levels[i] = kinds[i] switch
            {
                Kind.L => baseLevel == 1 ? 2 : 0,
                Kind.R => 1,
                Kind.Number => 2,
                _ => 0,
            };
        }
        // Neutrals take the direction around them when both sides agree (numbers count as R), else the paragraph's.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Neutral) continue;
            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Neutral) end++;
            var before = i == 0 ? (baseLevel == 1 ? Kind.R : Kind.L) : Side(kinds[i - 1], levels[i - 1]);
            var after = end == kinds.Length ? (baseLevel == 1 ? Kind.R : Kind.L) : Side(kinds[end], levels[end]);
            var level = before == after ? (before == Kind.R ? 1 : baseLevel == 1 ? 2 : 0) : baseLevel;
            for (var k = i; k < end; k++) levels[k] = level;
            i = end - 1;
        }
        // Reverse every run at or above each level, from the highest level down to 1.
        var order = Enumerable.Range(0, text.Count).ToArray();
        var max = levels.Max();
        for (var level = max; level >= 1; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level) continue;
                var end = i;
                while (end < order.Length && levels[order[end]] >= level) end++;
                Array.Reverse(order, i, end - i);
                i = end - 1;
            }
        }
        var sb = new StringBuilder(text.Count);
        foreach (var index in order)
        {
            var c = text[index];
            if (levels[index] % 2 == 1) c = Mirror(c);
            sb.Append(char.ConvertFromUtf32(c));
        }
        return sb.ToString();
    }

    private static Kind Side(Kind kind, int level) => kind == Kind.Number ? Kind.R : kind == Kind.Neutral ? (level % 2 == 1 ? Kind.R : Kind.L) : kind;


    private static int Mirror(int c) => c switch
    {
        '(' => ')', ')' => '(', '[' => ']', ']' => '[', '{' => '}', '}' => '{', '<' => '>', '>' => '<',
        '«' => '»', '»' => '«', '‹' => '›', '›' => '‹',
        _ => c,
    };
}
