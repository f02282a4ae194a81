using System.Reflection;
using PdfSharp.Fonts;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Gives PDFsharp the fonts shipped inside this assembly (DejaVu Sans regular and bold; Droid Sans Fallback for
/// Chinese, Japanese and Korean; Noto Sans Symbols 2 for emoji and symbols DejaVu lacks; see Fonts/LICENSE), so
/// documents look the same on every machine and never depend on installed fonts. Italic is simulated, and bold for
/// the fallbacks. PDFsharp embeds a font (as a subset) only when a document uses one of its characters.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name to use in <c>XFont</c>s.</summary>
    public const string FamilyName = "DejaVu Sans";

    /// <summary>Fallback families, in the order they are tried for a character the main font lacks.</summary>
    public const string SymbolsFamily = "PhysioPortal Symbols";
    public const string CjkFamily = "PhysioPortal CJK";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private const string SymbolsFace = "SymbolsFallback";
    private const string CjkFace = "CjkFallback";
    private const string ResourcePrefix = "PhysioPortal.Printing.Fonts.";
    private static readonly Lock Gate = new();
    private static readonly string[] Faces = [RegularFace, BoldFace, SymbolsFace, CjkFace];
    private static readonly Dictionary<string, byte[]> FontBytes = [];

    private EmbeddedFontResolver()
    {
    }

    /// <summary>
    /// Installs this resolver as PDFsharp's global font resolver, once per process; safe to call from many threads.
    /// Throws if another resolver was installed first, since PDFsharp allows only one.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case EmbeddedFontResolver:
                    return;
                case null:
                    // Fail here, with the file's name, rather than deep inside PDFsharp on the first handout.
                    foreach (var face in Faces)
                        RequireResource(typeof(EmbeddedFontResolver).Assembly, face).Dispose();
                    GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                    return;
                default:
                    throw new InvalidOperationException(
                        $"PDFsharp already has a font resolver ({GlobalFontSettings.FontResolver.GetType().Name}); " +
                        "handouts need EmbeddedFontResolver, which serves the fonts shipped with the portal.");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        SymbolsFamily => new(SymbolsFace, mustSimulateBold: bold, mustSimulateItalic: italic),
        CjkFamily => new(CjkFace, mustSimulateBold: bold, mustSimulateItalic: italic),
        _ => new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic),
    };

    /// <summary>The family that draws a character: the main one when it has it, else the first fallback that does.</summary>
    public static string FamilyFor(int codePoint, string mainFamily)
    {
        if (mainFamily != FamilyName || codePoint < 0x0590 || Coverage.Value.Main.Has(codePoint))
            return mainFamily;
        if (Coverage.Value.Symbols.Has(codePoint)) return SymbolsFamily;
        if (Coverage.Value.Cjk.Has(codePoint)) return CjkFamily;
        return mainFamily; // nothing has it: the main font's missing-glyph box, as before
    }

    private static readonly Lazy<(FontCoverage Main, FontCoverage Symbols, FontCoverage Cjk)> Coverage = new(() =>
    {
        var assembly = typeof(EmbeddedFontResolver).Assembly;
        return (new FontCoverage(LoadFont(assembly, RegularFace)), new FontCoverage(LoadFont(assembly, SymbolsFace)), new FontCoverage(LoadFont(assembly, CjkFace)));
    });

    public byte[]? GetFont(string faceName)
    {
        if (Array.IndexOf(Faces, faceName) < 0)
            return null;
        lock (Gate)
        {
            if (!FontBytes.TryGetValue(faceName, out var bytes))
            {
                bytes = LoadFont(typeof(EmbeddedFontResolver).Assembly, faceName);
                FontBytes[faceName] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>The bytes of a font file embedded in <paramref name="assembly"/>; throws naming the file when it is absent.</summary>
    internal static byte[] LoadFont(Assembly assembly, string faceName)
    {
        using var stream = RequireResource(assembly, faceName);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static Stream RequireResource(Assembly assembly, string faceName)
    {
        var file = $"{faceName}.ttf";
        return assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException(
                $"The font file {file} is missing: it must be embedded in {assembly.GetName().Name} as the resource " +
                $"{ResourcePrefix}{file} (src/PhysioPortal.Printing/Fonts/{file}, included by the EmbeddedResource " +
                "item of PhysioPortal.Printing.csproj). Handouts cannot be printed without it.");
    }
}
