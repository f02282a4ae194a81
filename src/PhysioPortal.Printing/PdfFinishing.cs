using System.Buffers.Text;
using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// What PDFsharp 6.2.4 cannot be told to do (docs/decisions/0006-pdf-finishing-pass.md), in two steps:
/// before saving, <see cref="PrepareStructure"/> gives table header cells (TH) a /Scope attribute (every header row of
/// our tables heads columns); after saving (the page contents written uncompressed), <see cref="Finish"/> makes one
/// pass over the file's bytes:
/// - page contents and other uncompressed streams are deflated, terminated (zlib with its Adler-32 checksum);
/// - the streams PDFsharp compressed itself (embedded fonts) get the Adler-32 checksum its FlateDecode encoder leaves
///   off (qpdf --check: "input stream is complete but output may still be valid"; strict readers may refuse them);
/// - ToUnicode maps get characters beyond the Basic Multilingual Plane (emoji) as UTF-16, as the PDF format wants;
/// - PDF/UA: the XMP metadata gets the PDF/UA identification (pdfuaid:part 1) that PDF/UA-1 requires;
/// and the cross-reference table is written again for the new offsets. The pass reads only PDFsharp's own output
/// (objects in xref order, direct /Length): anything else throws rather than writing a broken file.
/// </summary>
public static partial class PdfFinishing
{
    private const string PdfUaIdentification =
        "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"><pdfuaid:part>1</pdfuaid:part></rdf:Description>";

    /// <summary>Before saving: the /Scope attribute of every table header cell of the structure tree.</summary>
    public static void PrepareStructure(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            if (dictionary.Elements.GetName("/S") == "/TH" && dictionary.Elements.GetName("/Type") == "/StructElem")
            {
                var attributes = new PdfDictionary(document);
                attributes.Elements.SetName("/O", "/Table");
                attributes.Elements.SetName("/Scope", "/Column");
                dictionary.Elements["/A"] = attributes;
            }
        }
    }

    /// <summary>
    /// Finishes a PDF PDFsharp saved (with <c>CompressContentStreams</c> off) into <paramref name="output"/>.
    /// </summary>
    public static void Finish(Stream written, Stream output, bool tagged)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(output);
        if (written is PooledBufferStream pooled)
        {
            Finish(pooled.WrittenSpan, output, tagged);
            return;
        }
        written.Position = 0;
        using var copy = new PooledBufferStream((int)written.Length);
        written.CopyTo(copy);
        Finish(copy.WrittenSpan, output, tagged);
    }

    private static void Finish(ReadOnlySpan<byte> pdf, Stream output, bool tagged)
    {
        var (offsets, xrefAt) = ReadCrossReferences(pdf);
        using var finished = new PooledBufferStream(pdf.Length + 4096);
        var newOffsets = new int[offsets.Length];
        var order = Enumerable.Range(1, offsets.Length - 1).Where(n => offsets[n] >= 0).OrderBy(n => offsets[n]).ToArray();
        var first = order.Length > 0 ? offsets[order[0]] : xrefAt;
        finished.Write(pdf[..first]); // the header
        for (var i = 0; i < order.Length; i++)
        {
            var number = order[i];
            var start = offsets[number];
            var end = i + 1 < order.Length ? offsets[order[i + 1]] : xrefAt;
            newOffsets[number] = (int)finished.Position;
            WriteObject(pdf[start..end], finished);
        }

        // The cross-reference table again, then the trailer as PDFsharp wrote it, pointing at the new table.
        var xrefOut = (int)finished.Position;
        var trailer = pdf[xrefAt..].IndexOf("trailer"u8);
        var startxref = pdf[xrefAt..].IndexOf("startxref"u8);
        if (trailer < 0 || startxref < trailer)
            throw Unexpected("no trailer after the cross-reference table");
        WriteAscii(finished, $"xref\n0 {offsets.Length}\n0000000000 65535 f\r\n");
        for (var n = 1; n < offsets.Length; n++)
            WriteAscii(finished, offsets[n] >= 0 ? $"{newOffsets[n]:D10} 00000 n\r\n" : "0000000000 00000 f\r\n");
        finished.Write(pdf.Slice(xrefAt + trailer, startxref - trailer));
        WriteAscii(finished, $"startxref\n{xrefOut}\n%%EOF\n");
        if (tagged) IdentifyAsPdfUa(finished);
        finished.Position = 0;
        finished.CopyTo(output);
    }

    /// <summary>The offset of every object by number (-1: free), and where the cross-reference table starts.</summary>
    private static (int[] Offsets, int XrefAt) ReadCrossReferences(ReadOnlySpan<byte> pdf)
    {
        var at = pdf.LastIndexOf("startxref"u8);
        if (at < 0) throw Unexpected("no startxref");
        var position = SkipWhite(pdf, at + 9);
        if (!Utf8Parser.TryParse(pdf[position..], out int xrefAt, out _) || xrefAt <= 0 || xrefAt >= at || !pdf[xrefAt..].StartsWith("xref"u8))
            throw Unexpected("startxref does not point at a cross-reference table");
        position = SkipWhite(pdf, xrefAt + 4);
        if (!Utf8Parser.TryParse(pdf[position..], out int firstNumber, out var used) || firstNumber != 0)
            throw Unexpected("the cross-reference table does not start at object 0");
        position = SkipWhite(pdf, position + used);
        if (!Utf8Parser.TryParse(pdf[position..], out int count, out used) || count < 1)
            throw Unexpected("no object count in the cross-reference table");
        position = SkipWhite(pdf, position + used);
        var offsets = new int[count];
        for (var n = 0; n < count; n++, position += 20)
        {
            var entry = pdf.Slice(position, 20);
            if (!Utf8Parser.TryParse(entry[..10], out int offset, out _) || entry[10] != ' ')
                throw Unexpected($"cross-reference entry {n} is malformed");
            offsets[n] = entry[17] == 'n' && n > 0 ? offset : -1;
            if (offsets[n] >= xrefAt) throw Unexpected($"object {n} lies after the cross-reference table");
        }
        if (!pdf[SkipWhite(pdf, position)..].StartsWith("trailer"u8))
            throw Unexpected("more than one cross-reference section");
        return (offsets, xrefAt);
    }

    /// <summary>One indirect object ("N 0 obj … endobj"): copied, or with its stream finished and /Length set.</summary>
    private static void WriteObject(ReadOnlySpan<byte> obj, PooledBufferStream output)
    {
        var open = obj.IndexOf("obj"u8);
        var body = open < 0 ? -1 : SkipWhite(obj, open + 3);
        if (body < 0 || !obj[body..].StartsWith("<<"u8))
        {
            output.Write(obj);
            return;
        }
        var dictEnd = DictionaryEnd(obj, body);
        var afterDict = SkipWhite(obj, dictEnd);
        if (!obj[afterDict..].StartsWith("stream"u8))
        {
            output.Write(obj);
            return;
        }
        var dictionary = obj[body..dictEnd];
        var keys = TopLevelKeys(dictionary);
        if (!keys.TryGetValue("/Length", out var lengthValue) || !Utf8Parser.TryParse(dictionary[lengthValue.Start..lengthValue.End], out int length, out var used)
            || used != lengthValue.End - lengthValue.Start)
            throw Unexpected("a stream without a direct /Length");
        var dataStart = afterDict + 6;
        if (obj[dataStart] == '\r') dataStart++;
        if (obj[dataStart] != '\n') throw Unexpected("no end of line after 'stream'");
        dataStart++;
        var data = obj.Slice(dataStart, length);
        if (!obj[SkipWhite(obj, dataStart + length)..].StartsWith("endstream"u8))
            throw Unexpected("a stream's /Length does not end at 'endstream'");

        var filter = keys.TryGetValue("/Filter", out var f) ? Encoding.ASCII.GetString(dictionary[f.Start..f.End]).Trim() : null;
        var type = keys.TryGetValue("/Type", out var t) ? Encoding.ASCII.GetString(dictionary[t.Start..t.End]).Trim() : null;
        byte[]? finished = null;
        var addFilter = false;
        if (filter is null && type != "/Metadata" && !keys.ContainsKey("/DecodeParms"))
        {
            // Uncompressed (page contents, ToUnicode maps): deflated here. The XMP metadata stays readable.
            var raw = data.ToArray();
            if (data.IndexOf("begincmap"u8) >= 0) raw = FixToUnicode(raw);
            finished = Deflate(raw);
            addFilter = true;
        }
        else if (filter == "/FlateDecode")
        {
            // Compressed by PDFsharp (fonts, PNG pictures): the deflate data is whole, only the checksum is missing.
            var raw = Inflate(data.ToArray());
            if (raw.AsSpan().IndexOf("begincmap"u8) >= 0)
            {
                var map = FixToUnicode(raw);
                finished = ReferenceEquals(map, raw) ? Terminated(data, raw) : Deflate(map);
            }
            else
            {
                finished = Terminated(data, raw);
            }
        }

        if (finished is null)
        {
            output.Write(obj);
            return;
        }
        output.Write(obj[..(body + lengthValue.Start)]);
        WriteAscii(output, finished.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write(dictionary[lengthValue.End..^2]);
        if (addFilter) output.Write("/Filter/FlateDecode"u8);
        output.Write(">>\nstream\n"u8);
        output.Write(finished);
        output.Write("\nendstream\nendobj\n"u8);
    }

    /// <summary>PDFsharp's zlib data with the Adler-32 checksum of <paramref name="raw"/> appended, when it lacks it.</summary>
    private static byte[] Terminated(ReadOnlySpan<byte> zlib, byte[] raw)
    {
        var sum = Adler32(raw);
        if (zlib.Length >= 6 && zlib[^4..].SequenceEqual(sum)) return zlib.ToArray(); // already whole
        var whole = new byte[zlib.Length + 4];
        zlib.CopyTo(whole);
        sum.CopyTo(whole, zlib.Length);
        return whole;
    }

    internal static byte[] Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        const int Block = 5552; // the most bytes before the sums can overflow 32 bits
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            var n = Math.Min(Block, data.Length);
            foreach (var x in data[..n])
            {
                a += x;
                b += a;
            }
            a %= Modulus;
            b %= Modulus;
            data = data[n..];
        }
        var value = (b << 16) | a;
        return [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
    }

    /// <summary>Where the dictionary that opens at <paramref name="start"/> ("&lt;&lt;") ends (just after its "&gt;&gt;").</summary>
    private static int DictionaryEnd(ReadOnlySpan<byte> s, int start)
    {
        var depth = 0;
        for (var i = start; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'(':
                    i = StringEnd(s, i);
                    break;
                case (byte)'<' when i + 1 < s.Length && s[i + 1] == '<':
                    depth++;
                    i++;
                    break;
                case (byte)'>' when i + 1 < s.Length && s[i + 1] == '>':
                    depth--;
                    i++;
                    if (depth == 0) return i + 1;
                    break;
                case (byte)'<':
                    i = s[i..].IndexOf((byte)'>') + i; // a hex string
                    break;
            }
        }
        throw Unexpected("a dictionary without its end");
    }

    /// <summary>The index of the ')' that closes the literal string opening at <paramref name="start"/>.</summary>
    private static int StringEnd(ReadOnlySpan<byte> s, int start)
    {
        var depth = 0;
        for (var i = start; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    if (--depth == 0) return i;
                    break;
            }
        }
        throw Unexpected("a string without its end");
    }

    /// <summary>The keys of a dictionary ("&lt;&lt;…&gt;&gt;") with where each one's value lies (for the stream keys only).</summary>
    private static Dictionary<string, (int Start, int End)> TopLevelKeys(ReadOnlySpan<byte> dictionary)
    {
        var keys = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var i = 2;
        var end = dictionary.Length - 2;
        while (true)
        {
            i = SkipWhite(dictionary, i);
            if (i >= end) return keys;
            if (dictionary[i] != '/') throw Unexpected("a dictionary key that is not a name");
            var keyEnd = NameEnd(dictionary, i);
            var key = Encoding.ASCII.GetString(dictionary[i..keyEnd]);
            var valueStart = SkipWhite(dictionary, keyEnd);
            var valueEnd = ValueEnd(dictionary, valueStart);
            keys[key] = (valueStart, valueEnd);
            i = valueEnd;
        }
    }

    private static int NameEnd(ReadOnlySpan<byte> s, int start)
    {
        var i = start + 1;
        while (i < s.Length && !IsWhite(s[i]) && s[i] is not ((byte)'/' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')'))
            i++;
        return i;
    }

    /// <summary>Where the value starting at <paramref name="start"/> ends: a name, a number or a reference, a string, an array or a dictionary.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> s, int start)
    {
        switch (s[start])
        {
            case (byte)'/':
                return NameEnd(s, start);
            case (byte)'(':
                return StringEnd(s, start) + 1;
            case (byte)'<' when s[start + 1] == '<':
                return DictionaryEnd(s, start);
            case (byte)'<':
                return s[start..].IndexOf((byte)'>') + start + 1;
            case (byte)'[':
                var depth = 0;
                for (var i = start; i < s.Length; i++)
                {
                    switch (s[i])
                    {
                        case (byte)'(':
                            i = StringEnd(s, i);
                            break;
                        case (byte)'<' when s[i + 1] == '<':
                            i = DictionaryEnd(s, i) - 1;
                            break;
                        case (byte)'[':
                            depth++;
                            break;
                        case (byte)']':
                            if (--depth == 0) return i + 1;
                            break;
                    }
                }
                throw Unexpected("an array without its end");
            default:
                // A number, true/false/null, or a reference "N G R".
                var end = Token(s, start);
                var second = SkipWhite(s, end);
                if (second < s.Length && char.IsAsciiDigit((char)s[second]))
                {
                    var secondEnd = Token(s, second);
                    var third = SkipWhite(s, secondEnd);
                    if (third < s.Length && s[third] == 'R' && (third + 1 == s.Length || !char.IsAsciiLetterOrDigit((char)s[third + 1])))
                        return third + 1;
                }
                return end;
        }
    }

    private static int Token(ReadOnlySpan<byte> s, int start)
    {
        var i = start;
        while (i < s.Length && !IsWhite(s[i]) && s[i] is not ((byte)'/' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')'))
            i++;
        return i;
    }

    private static int SkipWhite(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsWhite(s[i])) i++;
        return i;
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static void WriteAscii(Stream output, string text)
    {
        Span<byte> buffer = stackalloc byte[128];
        if (text.Length <= buffer.Length)
        {
            var n = Encoding.ASCII.GetBytes(text, buffer);
            output.Write(buffer[..n]);
        }
        else
        {
            output.Write(Encoding.ASCII.GetBytes(text));
        }
    }

    private static InvalidOperationException Unexpected(string what) =>
        new($"The PDF finishing pass met a file it does not expect from PDFsharp 6.2.4: {what}.");

    /// <summary>
    /// PDFsharp writes its XMP packet on save, uncompressed and indented. The saved file is patched in place: the
    /// packet without its indentation, plus the identification, padded with white space (as XMP packets are meant to
    /// be) to the very same length, so no offset moves.
    /// </summary>
    private static void IdentifyAsPdfUa(PooledBufferStream pdf)
    {
        var bytes = pdf.WrittenSpan;
        var begin = bytes.IndexOf("<x:xmpmeta"u8);
        var end = bytes.IndexOf("<?xpacket end="u8);
        if (begin < 0 || end < begin || bytes[(begin + 1)..].IndexOf("<x:xmpmeta"u8) >= 0)
            throw new InvalidOperationException("PDFsharp did not write exactly one XMP metadata packet.");
        var length = end - begin;
        var packet = Encoding.UTF8.GetString(bytes.Slice(begin, length));
        if (packet.Contains("pdfuaid:part", StringComparison.Ordinal)) return;
        var compact = string.Join('\n', packet.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        compact = compact.Replace("</rdf:RDF>", PdfUaIdentification + "\n</rdf:RDF>", StringComparison.Ordinal) + "\n";
        var patched = Encoding.UTF8.GetBytes(compact);
        if (patched.Length > length) throw new InvalidOperationException("No room in PDFsharp's XMP packet for the PDF/UA identification.");
        var padded = new byte[length];
        patched.CopyTo(padded, 0);
        padded.AsSpan(patched.Length).Fill((byte)' ');
        padded[^1] = (byte)'\n';
        var position = pdf.Position;
        pdf.Position = begin;
        pdf.Write(padded);
        pdf.Position = position;
    }

    /// <summary>
    /// PDFsharp writes a character beyond the Basic Multilingual Plane (an emoji) in a ToUnicode map as its code point
    /// in hex (&lt;1F44D&gt;), which readers take as two code units and garble; the map wants UTF-16BE, a surrogate
    /// pair (&lt;D83DDC4D&gt;). Without this an emoji drew but vanished from copied, searched or read-aloud text.
    /// </summary>
    internal static byte[] FixToUnicode(byte[] cmap)
    {
        var text = Encoding.ASCII.GetString(cmap);
        var fixedText = NonBmpDestination().Replace(text, m =>
        {
            var value = Convert.ToInt32(m.Groups[1].Value, 16);
            if (value is < 0x10000 or > 0x10FFFF) return m.Value;
            var utf16 = char.ConvertFromUtf32(value);
            return $"<{(int)utf16[0]:X4}{(int)utf16[1]:X4}>";
        });
        return ReferenceEquals(fixedText, text) || fixedText == text ? cmap : Encoding.ASCII.GetBytes(fixedText);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<([0-9A-Fa-f]{5,6})>")]
    private static partial System.Text.RegularExpressions.Regex NonBmpDestination();

    /// <summary>Inflates zlib data, tolerating a stream that ends without its checksum (as PDFsharp writes them).</summary>
    internal static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var raw = new MemoryStream(zlib.Length * 4);
        input.CopyTo(raw);
        return raw.ToArray();
    }

    internal static byte[] Deflate(byte[] raw)
    {
        using var compressed = new MemoryStream(raw.Length / 2 + 64);
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw);
        }
        return compressed.ToArray();
    }
}
