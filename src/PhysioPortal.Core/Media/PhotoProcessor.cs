using NetVips;

namespace PhysioPortal.Core.Media;

/// <summary>A photo ready to store: JPEG at web and print size, upright, with no metadata at all.</summary>
public sealed record ProcessedPhoto(byte[] Web, int WebWidth, int WebHeight, byte[] Print, int PrintWidth, int PrintHeight);

/// <summary>Why a file was refused, in words for the form.</summary>
public sealed class MediaRefusedException(string message) : Exception(message);

/// <summary>
/// Decodes a photo (JPEG, PNG, WebP; HEIF only where libvips can decode it), turns it upright from its EXIF
/// orientation, resizes it to web and print size and re-encodes it as JPEG with every piece of metadata dropped (EXIF,
/// GPS, XMP, IPTC, ICC, camera serials). Uses libvips through NetVips: docs/decisions/0009-photos-processed-with-netvips.md.
/// </summary>
public sealed class PhotoProcessor
{
    public const int WebSize = 1200;
    public const int PrintSize = 1800;
    public const int Quality = 82;

    /// <summary>More pixels than any phone takes (a 50 MP camera); more is treated as a decompression bomb.</summary>
    public const long MaxPixels = 60_000_000;
    public const int MaxSide = 12_000;

    static PhotoProcessor()
    {
        // One thread per photo (uploads are limited to two at a time) and no operation cache: memory stays flat.
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    public ProcessedPhoto Process(byte[] bytes)
    {
        var type = MediaSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, MediaSniffer.HeadLength)));
        switch (type)
        {
            case SniffedType.Jpeg or SniffedType.Png or SniffedType.WebP or SniffedType.Heif:
                break;
            case SniffedType.Markup:
                throw new MediaRefusedException("This file is SVG or a web page, not a photo. Send a JPEG, PNG or WebP photo.");
            case SniffedType.Program:
                throw new MediaRefusedException("This file is a program, not a photo, whatever its name says. Send a JPEG, PNG or WebP photo.");
            case SniffedType.Mp4 or SniffedType.WebM:
                throw new MediaRefusedException("This file is a video. Add it under \"Video\" instead.");
            default:
                throw new MediaRefusedException("This file is not a JPEG, PNG or WebP photo, whatever its name says.");
        }
        try
        {
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
            if (header.Width > MaxSide || header.Height > MaxSide || (long)header.Width * header.Height > MaxPixels)
            {
                throw new MediaRefusedException(
                    $"This image claims to be {header.Width:N0} × {header.Height:N0} pixels, more than any camera takes; it was not opened. Send the photo as your camera saved it.");
            }
            using var print = Upright(Image.ThumbnailBuffer(bytes, PrintSize, "[fail_on=truncated]", height: PrintSize, size: Enums.Size.Down));
            using var web = print.ThumbnailImage(WebSize, height: WebSize, size: Enums.Size.Down);
            var printBytes = Jpeg(print);
            var webBytes = Jpeg(web);
            return new ProcessedPhoto(webBytes, web.Width, web.Height, printBytes, print.Width, print.Height);
        }
        catch (VipsException) when (type == SniffedType.Heif)
        {
            throw new MediaRefusedException(
                "HEIC photos (the iPhone's usual format) cannot be read here. On the iPhone choose Settings › Camera › Formats › Most Compatible, or share the photo as JPEG.");
        }
        catch (VipsException)
        {
            throw new MediaRefusedException("This photo is damaged or cut short (perhaps the upload stopped early) and could not be read. Send it again.");
        }
    }

    /// <summary>
    /// 8-bit sRGB without alpha (flattened on white), ready for JPEG, decoded into memory: it is read twice (the web
    /// size is made from it, then it is saved), which a sequential read of the file cannot do. A photo the EXIF says to
    /// turn was already copied by the turn; an upright one (orientation 1, or no EXIF) was not and failed as "damaged".
    /// </summary>
    private static Image Upright(Image image)
    {
        var current = image;
        if (current.Interpretation is not (Enums.Interpretation.Srgb or Enums.Interpretation.Bw))
        {
            var converted = current.Colourspace(Enums.Interpretation.Srgb);
            current.Dispose();
            current = converted;
        }
        if (current.HasAlpha())
        {
            var flat = current.Flatten(background: [255, 255, 255]);
            current.Dispose();
            current = flat;
        }
        if (current.Format != Enums.BandFormat.Uchar)
        {
            var cast = current.Cast(Enums.BandFormat.Uchar);
            current.Dispose();
            current = cast;
        }
        var decoded = current.CopyMemory();
        current.Dispose();
        return decoded;
    }

    private static byte[] Jpeg(Image image) =>
        WithJfif(image.JpegsaveBuffer(q: Quality, optimizeCoding: true, keep: Enums.ForeignKeep.None));

    /// <summary>
    /// A bare JFIF header (version and "no density", nothing else) right after the start marker: libvips writes none
    /// when told to keep no metadata, and PDFsharp embeds only JPEGs that have one. Baseline, not progressive, for the
    /// same reason.
    /// </summary>
    internal static byte[] WithJfif(byte[] jpeg)
    {
        if (jpeg.Length > 4 && jpeg[2] == 0xFF && jpeg[3] == 0xE0) return jpeg;
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        return [.. jpeg.AsSpan(0, 2), .. app0, .. jpeg.AsSpan(2)];
    }
}
