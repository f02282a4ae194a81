using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PhysioPortal.Tests.Media;

/// <summary>Hostile and broken files for the upload tests, built byte by byte.</summary>
public static class BadFiles
{
    /// <summary>The start of a Windows program (MZ header and PE stub text), to be named "photo.jpg".</summary>
    public static byte[] Executable() => [.. "MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00ff\u00ff\0\0"u8.ToArray(), .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\n"), .. new byte[512]];

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static byte[] Svg() => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>");

    /// <summary>A valid, tiny PNG that claims to be 50 000 × 50 000 pixels (7.5 GB decoded): a decompression bomb.</summary>
    public static byte[] PngBomb()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 50_000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 50_000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(png, "IHDR", ihdr);
        // One row of zeros, compressed: a few bytes standing for gigabytes.
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + 50_000 * 3];
            for (var i = 0; i < 20; i++) z.Write(row);
        }
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A JPEG cut off after the first third (an upload that stopped early).</summary>
    public static byte[] Truncated(byte[] jpeg) => jpeg[..(jpeg.Length / 3)];

    /// <summary>A minimal well-formed MP4: ftyp, moov (with an mvhd) and mdat boxes.</summary>
    public static byte[] Mp4(int mdatBytes = 4096)
    {
        using var mp4 = new MemoryStream();
        Box(mp4, "ftyp", [.. "isom"u8.ToArray(), 0, 0, 2, 0, .. "isomiso2avc1mp41"u8.ToArray()]);
        var mvhd = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(12), 1000); // timescale
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(16), 3000); // duration
        using var moov = new MemoryStream();
        Box(moov, "mvhd", mvhd);
        Box(mp4, "moov", moov.ToArray());
        var data = new byte[mdatBytes];
        new Random(7).NextBytes(data);
        Box(mp4, "mdat", data);
        return mp4.ToArray();
    }

    private static void Box(Stream s, string type, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(payload.Length + 8));
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        s.Write(header);
        s.Write(payload);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        s.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
