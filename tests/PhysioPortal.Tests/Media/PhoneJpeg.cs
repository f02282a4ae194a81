using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace PhysioPortal.Tests.Media;

/// <summary>
/// Makes files like the ones clinicians send: a phone's JPEG with an EXIF block (camera make, model, body serial
/// number, a unique image id, orientation 6 = "turn 90° clockwise" and GPS coordinates), and broken or hostile files.
/// </summary>
public static class PhoneJpeg
{
    public const string Serial = "SN-CAMERA-7781234";
    public const string Make = "PhonoCam";

    /// <summary>A landscape-stored JPEG (width &gt; height) whose EXIF says to show it portrait.</summary>
    public static byte[] Create(int width, int height, ushort orientation = 6, int quality = 90)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 30);
        using var ramp = Image.Xyz(width, height)[0] * (200.0 / width);
        using var r = (noise * 0.3 + ramp).Cast(Enums.BandFormat.Uchar);
        using var g = (noise * 0.5 + 40).Cast(Enums.BandFormat.Uchar);
        using var b = (ramp * 0.5 + 60).Cast(Enums.BandFormat.Uchar);
        using var rgb = r.Bandjoin(g, b).Copy(interpretation: Enums.Interpretation.Srgb);
        var jpeg = rgb.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
        return InsertExif(jpeg, Exif(orientation));
    }

    /// <summary>No APP1 (EXIF/XMP), APP13 (IPTC) or APP2 (ICC) segment, and none of the camera's strings anywhere.</summary>
    public static void AssertNoMetadata(byte[] jpeg)
    {
        var text = System.Text.Encoding.ASCII.GetString(jpeg);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain(PhoneJpeg.Serial, text);
        Assert.DoesNotContain(PhoneJpeg.Make, text);
        Assert.DoesNotContain("IMG-UNIQUE", text);
        Assert.DoesNotContain("http://ns.adobe.com/xap", text);
        for (var i = 2; i + 3 < jpeg.Length && jpeg[i] == 0xFF;)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xDA) break; // start of scan: no more headers
            Assert.False(marker is 0xE1 or 0xED or 0xE2, $"metadata segment FF{marker:X2} at {i}");
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
    }

    public static byte[] InsertExif(byte[] jpeg, byte[] app1Payload)
    {
        var segment = new byte[4 + app1Payload.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(app1Payload.Length + 2));
        app1Payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Data);

    private static Entry Ascii(ushort tag, string s) { var b = Encoding.ASCII.GetBytes(s + "\0"); return new(tag, 2, (uint)b.Length, b); }
    private static Entry Short(ushort tag, ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, v); return new(tag, 3, 1, b); }
    private static Entry Long(ushort tag, uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); return new(tag, 4, 1, b); }
    private static Entry Rationals(ushort tag, params (uint N, uint D)[] values)
    {
        var b = new byte[8 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 8), values[i].N);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 8 + 4), values[i].D);
        }
        return new(tag, 5, (uint)values.Length, b);
    }

    private static int Size(List<Entry> entries) =>
        2 + 12 * entries.Count + 4 + entries.Where(e => e.Data.Length > 4).Sum(e => e.Data.Length + (e.Data.Length & 1));

    private static byte[] Ifd(int offset, List<Entry> entries)
    {
        var head = new List<byte>(); var data = new List<byte>();
        var headLen = 2 + 12 * entries.Count + 4;
        var buf = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(buf, (ushort)entries.Count); head.AddRange(buf[..2]);
        foreach (var e in entries.OrderBy(e => e.Tag))
        {
            BinaryPrimitives.WriteUInt16BigEndian(buf, e.Tag); head.AddRange(buf[..2]);
            BinaryPrimitives.WriteUInt16BigEndian(buf, e.Type); head.AddRange(buf[..2]);
            BinaryPrimitives.WriteUInt32BigEndian(buf, e.Count); head.AddRange(buf);
            if (e.Data.Length <= 4)
            {
                var inline = new byte[4]; e.Data.CopyTo(inline, 0); head.AddRange(inline);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(buf, (uint)(offset + headLen + data.Count)); head.AddRange(buf);
                data.AddRange(e.Data);
                if ((e.Data.Length & 1) == 1) data.Add(0);
            }
        }
        head.AddRange(new byte[4]);
        return [.. head, .. data];
    }

    /// <summary>The APP1 payload: "Exif\0\0" and a big-endian TIFF with IFD0, the Exif IFD and the GPS IFD.</summary>
    public static byte[] Exif(ushort orientation)
    {
        List<Entry> Ifd0(uint exifAt, uint gpsAt) =>
        [
            Ascii(0x010F, Make), Ascii(0x0110, "Model X12 Pro"), Short(0x0112, orientation),
            Ascii(0x0131, "PhonoOS 17.2"), Long(0x8769, exifAt), Long(0x8825, gpsAt),
        ];
        List<Entry> exif =
        [
            Ascii(0x9003, "2026:11:30 18:22:41"), Ascii(0xA431, Serial), Ascii(0xA433, "PhonoLens"),
            Ascii(0xA420, "IMG-UNIQUE-0123456789ABCDEF"),
        ];
        List<Entry> gps =
        [
            Ascii(0x0001, "N"), Rationals(0x0002, (51, 1), (30, 1), (2616, 100)),
            Ascii(0x0003, "W"), Rationals(0x0004, (0, 1), (7, 1), (3924, 100)),
        ];
        var ifd0Size = Size(Ifd0(0, 0));
        var exifAt = 8 + ifd0Size;
        var gpsAt = exifAt + Size(exif);
        var tiff = new List<byte> { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8 };
        tiff.AddRange(Ifd(8, Ifd0((uint)exifAt, (uint)gpsAt)));
        tiff.AddRange(Ifd(exifAt, exif));
        tiff.AddRange(Ifd(gpsAt, gps));
        return [.. "Exif\0\0"u8.ToArray(), .. tiff];
    }
}
