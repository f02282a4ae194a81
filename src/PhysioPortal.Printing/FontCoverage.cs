using System.Buffers.Binary;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>Which characters a TrueType font has glyphs for, read from its cmap table (formats 4 and 12).</summary>
public sealed class FontCoverage
{
    private readonly List<(int First, int Last)> _ranges = [];

    public FontCoverage(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        var span = font.AsSpan();
        int tables = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        var cmap = -1;
        for (var i = 0; i < tables; i++)
        {
            var record = span[(12 + 16 * i)..];
            if (record[..4].SequenceEqual("cmap"u8))
            {
                cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                break;
            }
        }
        if (cmap < 0) throw new InvalidOperationException("The font has no cmap table.");
        int count = BinaryPrimitives.ReadUInt16BigEndian(span[(cmap + 2)..]);
        int best = -1, bestFormat = 0;
        for (var i = 0; i < count; i++)
        {
            var record = span[(cmap + 4 + 8 * i)..];
            int platform = BinaryPrimitives.ReadUInt16BigEndian(record), encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            int format = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            if (platform is 0 or 3 && encoding is 1 or 10 or 3 or 4 && format is 4 or 12 && format >= bestFormat)
            {
                best = offset;
                bestFormat = format;
            }
        }
        if (best < 0) throw new InvalidOperationException("The font has no Unicode cmap (format 4 or 12).");
        if (bestFormat == 12) ReadFormat12(span[best..]);
        else ReadFormat4(span[best..]);
    }

    public bool Has(int codePoint)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var (first, last) = _ranges[mid];
            if (codePoint < first) hi = mid - 1;
            else if (codePoint > last) lo = mid + 1;
            else return true;
        }
        return false;
    }

    private void ReadFormat12(ReadOnlySpan<byte> t)
    {
        var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(t[12..]);
        for (var i = 0; i < groups; i++)
        {
            var g = t[(16 + 12 * i)..];
            _ranges.Add(((int)BinaryPrimitives.ReadUInt32BigEndian(g), (int)BinaryPrimitives.ReadUInt32BigEndian(g[4..])));
        }
        _ranges.Sort();
    }

    private void ReadFormat4(ReadOnlySpan<byte> t)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(t[6..]) / 2;
        var ends = t[14..];
        var starts = t[(16 + 2 * segments)..];
        var deltas = t[(16 + 4 * segments)..];
        var rangeOffsets = t[(16 + 6 * segments)..];
        for (var s = 0; s < segments; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * s)..]), start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * s)..]);
            int delta = BinaryPrimitives.ReadInt16BigEndian(deltas[(2 * s)..]), rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[(2 * s)..]);
            if (start == 0xFFFF) continue;
            var present = new bool[end - start + 1];
            var segmentOffsets = rangeOffsets[(2 * s)..];
            for (var c = start; c <= end; c++)
            {
                // rangeOffset 0: the glyph is code + delta; otherwise it is read from the glyph array (0: none)
                var glyph = rangeOffset == 0 ? c : BinaryPrimitives.ReadUInt16BigEndian(segmentOffsets[(rangeOffset + 2 * (c - start))..]);
                present[c - start] = glyph != 0 && (glyph + delta & 0xFFFF) != 0;
            }
            AddRuns(start, present);
        }
        _ranges.Sort();
    }

    private void AddRuns(int start, bool[] present)
    {
        var runStart = -1;
        for (var i = 0; i <= present.Length; i++)
        {
            if (i < present.Length && present[i])
            {
                if (runStart < 0) runStart = i;
            }
            else if (runStart >= 0)
            {
                _ranges.Add((start + runStart, start + i - 1));
                runStart = -1;
            }
        }
    }
}
