namespace PhysioPortal.Core.Data;

/// <summary>
/// Whose data the current unit of work may read. Web requests get the signed-in user's clinic; background jobs and
/// the seeder explicitly ask for all clinics. A request without a clinic (anonymous) sees no patient at all.
/// </summary>
public interface IClinicScope
{
    Guid? ClinicId { get; }
    bool AllClinics { get; }
}

public sealed class ClinicScope(Guid? clinicId, bool allClinics) : IClinicScope
{
    public static readonly ClinicScope None = new(null, false);
    public static readonly ClinicScope System = new(null, true);

    public static ClinicScope For(Guid clinicId) => new(clinicId, false);

    public Guid? ClinicId { get; } = clinicId;
    public bool AllClinics { get; } = allClinics;
}
