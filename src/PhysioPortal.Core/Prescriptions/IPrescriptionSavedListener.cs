namespace PhysioPortal.Core.Prescriptions;

/// <summary>
/// Something that must react after a prescription (or a new version of it) is saved: the email planner, for one.
/// Called by <see cref="PrescriptionService.SaveAsync"/> after the commit, so every save path tells it.
/// </summary>
public interface IPrescriptionSavedListener
{
    Task PrescriptionSavedAsync(Guid prescriptionId, int versionNumber, CancellationToken ct = default);
}
