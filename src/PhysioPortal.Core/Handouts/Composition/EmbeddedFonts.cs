using System.Reflection;
using PdfSharp.Fonts;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Gives PDFsharp the fonts shipped inside this assembly (DejaVu Sans regular and bold, see Fonts/LICENSE), so
/// documents look the same on every machine and never depend on installed fonts. Italic is simulated.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name to use in <c>XFont</c>s.</summary>
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private const string ResourcePrefix = "PhysioPortal.Core.Handouts.Fonts.";
    private static readonly Lock Gate = new();
    private static readonly string[] Faces = [RegularFace, BoldFace];
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

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        if (faceName is not (RegularFace or BoldFace))
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
                $"{ResourcePrefix}{file} (src/PhysioPortal.Core/Handouts/Fonts/{file}, included by the EmbeddedResource " +
                "item of PhysioPortal.Core.csproj). Handouts cannot be printed without it.");
    }
}
