using Microsoft.AspNetCore.Identity;

namespace PhysioPortal.Core.Identity;

/// <summary>A person who signs in: an admin, a clinician or a patient, always of one clinic.</summary>
public class PortalUser : IdentityUser
{
    public Guid ClinicId { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>For a patient account: the one patient record it is tied to.</summary>
    public Guid? PatientId { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Clinician = "Clinician";
    public const string Patient = "Patient";

    public static readonly string[] All = [Admin, Clinician, Patient];
}

public static class PortalClaims
{
    public const string ClinicId = "clinic_id";
    public const string PatientId = "patient_id";
    public const string DisplayName = "display_name";
}
