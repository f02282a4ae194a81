using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Core.Reminders;

/// <summary>The handout PDF of a prescription version, as an attachment of the new-prescription email (any clinic's).</summary>
public sealed class HandoutAttachment(AllClinicsDb allClinics, HandoutDocument document)
{
    public async Task<EmailAttachment?> ForAsync(Guid prescriptionId, int versionNumber, string publicUrl, CancellationToken ct = default)
    {
        var handout = await new HandoutFactory(allClinics.Db).ForPrescriptionAsync(prescriptionId, versionNumber, publicUrl, ct);
        if (handout is null) return null;
        var pdf = document.Render(handout.Model);
        Operations.PortalMetrics.HandoutRendered("email");
        return new EmailAttachment(handout.FileName, "application/pdf", pdf);
    }
}
