using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Core.Reminders;

/// <summary>The handout PDF of a prescription version, as an attachment of the new-prescription email (any clinic's):
/// the same file the patient downloads, own exercises' photos included (read from <paramref name="photos"/>, the
/// configured media store; without one, as in a process that has no library, the photos are left out).</summary>
public sealed class HandoutAttachment(AllClinicsDb allClinics, HandoutDocument document, Media.IObjectStore? photos = null)
{
    public async Task<EmailAttachment?> ForAsync(Guid prescriptionId, int versionNumber, string publicUrl, CancellationToken ct = default)
    {
        var handout = await new HandoutFactory(allClinics.Db, photos).ForPrescriptionAsync(prescriptionId, versionNumber, publicUrl, ct);
        if (handout is null) return null;
        var pdf = document.Render(handout.Model);
        Operations.PortalMetrics.HandoutRendered("email");
        return new EmailAttachment(handout.FileName, "application/pdf", pdf);
    }
}
