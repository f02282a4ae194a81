using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// The last pass over a PDF that PDFsharp 6.2.4 has written, for what it cannot be told to do
/// (docs/decisions/0006-pdf-finishing-pass.md):
/// - its FlateDecode encoder ends every compressed stream (page contents, embedded fonts) with a sync flush instead
///   of the final block and the Adler-32 checksum, so qpdf --check warns "input stream is complete but output may
///   still be valid" and strict readers may refuse the stream: each one is inflated and deflated again, terminated;
/// - PDF/UA: the XMP metadata gets the PDF/UA identification (pdfuaid:part 1) that PDF/UA-1 requires;
/// - table header cells (TH) get a /Scope attribute (Column: every header row of our tables heads columns);
/// - ToUnicode maps get characters beyond the Basic Multilingual Plane (emoji) as UTF-16, as the PDF format wants.
/// </summary>
public static partial class PdfFinishing
{
    private const string PdfUaIdentification =
        "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"><pdfuaid:part>1</pdfuaid:part></rdf:Description>";

    public static void Finish(Stream written, Stream output, bool tagged)
    {
        written.Position = 0;
        using var document = PdfReader.Open(written, PdfDocumentOpenMode.Modify);
        document.Options.CompressContentStreams = false; // the streams below are compressed already, properly
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            if (dictionary.Stream is { } stream && dictionary.Elements.GetName("/Filter") == "/FlateDecode")
            {
                var raw = Inflate(stream.Value);
                if (raw.AsSpan().IndexOf("begincmap"u8) >= 0) raw = FixToUnicode(raw);
                stream.Value = Deflate(raw);
                dictionary.Elements.SetInteger("/Length", stream.Value.Length);
            }
            if (tagged && dictionary.Elements.GetName("/Type") == "/StructElem" && dictionary.Elements.GetName("/S") == "/TH")
            {
                var attributes = new PdfDictionary(document);
                attributes.Elements.SetName("/O", "/Table");
                attributes.Elements.SetName("/Scope", "/Column");
                dictionary.Elements["/A"] = attributes;
            }
        }
        // PDFsharp writes a new XMP packet on save: drop the one read back, so the file has one packet, the catalog's.
        if (document.Internals.Catalog.Elements.GetObject("/Metadata") is PdfDictionary oldMetadata)
        {
            document.Internals.Catalog.Elements.Remove("/Metadata");
            document.Internals.RemoveObject(oldMetadata);
        }
        using var finished = new PooledBufferStream((int)written.Length + 4096);
        document.Save(finished, closeStream: false);
        if (tagged) IdentifyAsPdfUa(finished);
        finished.Position = 0;
        finished.CopyTo(output);
    }

    /// <summary>
    /// PDFsharp writes its XMP packet afresh on every save (whatever the catalog pointed to before), uncompressed and
    /// indented. So the saved file is patched in place: the packet without its indentation, plus the identification,
    /// padded with white space (as XMP packets are meant to be) to the very same length, so no offset moves.
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
        pdf.Position = begin;
        pdf.Write(padded);
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

    /// <summary>Inflates zlib data, tolerating a stream that ends without its final block (as PDFsharp writes them).</summary>
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
