using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Core.Reminders;

/// <summary>The handout PDF of a prescription version, as an attachment of the new-prescription email.</summary>
public sealed class HandoutAttachment(PortalDbContext db, HandoutDocument document)
{
    public async Task<EmailAttachment?> ForAsync(Guid prescriptionId, int versionNumber, string publicUrl, CancellationToken ct = default)
    {
        var handout = await new HandoutFactory(db).ForPrescriptionAsync(prescriptionId, versionNumber, publicUrl, ct);
        return handout is null ? null : new EmailAttachment(handout.FileName, "application/pdf", document.Render(handout.Model));
    }
}
