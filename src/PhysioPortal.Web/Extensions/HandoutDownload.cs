using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Web.Extensions;

/// <summary>
/// Sends a handout as a PDF from a page: renders it, records the download in the audit log, and answers with a file
/// name and headers that keep the patient's data out of shared caches. Used by the clinic's and the patient's page.
/// </summary>
public sealed class HandoutDownload(HandoutDocument document, AuditLog audit, IOptions<PortalOptions> options)
{
    /// <summary>The portal's public address, for the QR code's link to the log page.</summary>
    public string PublicUrl => options.Value.PublicUrl;

    /// <param name="download">true: "attachment" (save the file); false: "inline" (open in the browser to print).</param>
    public async Task<IActionResult> SendAsync(PageModel page, PreparedHandout handout, bool download, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(handout);
        // Rendered into a pooled buffer that the file result streams out and then gives back (no large-object-heap
        // garbage per download).
        var pdf = new PooledBufferStream(PdfSharpRenderer.InitialBufferSize);
        try
        {
            document.Render(handout.Model, pdf);
            PhysioPortal.Core.Operations.PortalMetrics.HandoutRendered("download");
            pdf.Position = 0;
            await RecordAsync(page, handout, ct);
        }
        catch
        {
            await pdf.DisposeAsync();
            throw;
        }

        var headers = page.Response.Headers;
        headers.ContentDisposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline")
        {
            FileName = handout.FileName,
            FileNameStar = handout.UnicodeFileName,
        }.ToString();
        headers.CacheControl = "no-store, private";
        headers.Pragma = "no-cache";
        return new FileStreamResult(pdf, "application/pdf");
    }

    private Task RecordAsync(PageModel page, PreparedHandout handout, CancellationToken ct) =>
        page.HttpContext.AuditAsync(audit, HandoutExtensions.AuditAction, handout.Source.PatientId, handout.AuditDetail, handout.Source.ClinicId, ct);
}
