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
    private static readonly Lock Gate = new();
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
                var name = $"PhysioPortal.Core.Handouts.Fonts.{faceName}.ttf";
                using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException($"The font resource {name} is missing from the assembly.");
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
                FontBytes[faceName] = bytes;
            }

            return bytes;
        }
    }
}
