using System.Buffers.Binary;
using System.Text;

namespace PhysioPortal.Core.Media;

public enum SniffedType
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Heif,
    Mp4,
    WebM,
    Markup,
    Program,
}

/// <summary>
/// What a file really is, from its first bytes (never its name or the browser's content type): the magic numbers of
/// JPEG, PNG, WebP, HEIF, MP4/QuickTime and WebM, and the tell-tale starts of SVG/HTML and executables.
/// </summary>
public static class MediaSniffer
{
    public const int HeadLength = 64;

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    public static SniffedType Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return SniffedType.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return SniffedType.Png;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return SniffedType.WebP;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return HeifBrands.Contains(brand) ? SniffedType.Heif : SniffedType.Mp4;
        }
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            return head.IndexOf("webm"u8) >= 0 ? SniffedType.WebM : SniffedType.Unknown;
        }
        if (head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F'])
            || head.StartsWith("#!"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])) return SniffedType.Program;
        var text = head;
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = text[3..];
        var trimmed = text.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'<') return SniffedType.Markup;
        return SniffedType.Unknown;
    }

    /// <summary>
    /// Whether an MP4/QuickTime file is a well-formed chain of top-level boxes that holds a movie header ("moov") and
    /// media data ("mdat"), reading only the box headers.
    /// </summary>
    public static async Task<bool> IsMp4ContainerAsync(Stream stream, CancellationToken ct = default)
    {
        var header = new byte[16];
        long position = 0, length = stream.Length;
        bool moov = false, mdat = false;
        var boxes = 0;
        while (position < length && boxes++ < 10_000)
        {
            stream.Position = position;
            if (await stream.ReadAtLeastAsync(header.AsMemory(0, 8), 8, throwOnEndOfStream: false, ct) < 8) return false;
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            if (size == 1)
            {
                if (await stream.ReadAtLeastAsync(header.AsMemory(8, 8), 8, throwOnEndOfStream: false, ct) < 8) return false;
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
            {
                size = length - position;
            }
            if (size < 8 || position + size > length) return false;
            if (!type.All(c => c is >= ' ' and <= '~')) return false;
            moov |= type == "moov";
            mdat |= type == "mdat";
            position += size;
        }
        return moov && mdat && position == length;
    }
}
