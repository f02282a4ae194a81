using System.Security.Claims;

namespace PhysioPortal.Core.Identity;

/// <summary>
/// Reading the signed-in user's claims, in one place. The ids are required: the sign-in cookie always carries them
/// (<see cref="PortalClaims"/>) and the folder policies demand them, so a missing or malformed id throws
/// <see cref="InvalidOperationException"/> naming the claim; only <see cref="ClinicIdOrNull"/> answers for requests
/// that may be anonymous. The display name falls back to the sign-in name.
/// </summary>
public static class SignedInUser
{
    /// <summary>The user's clinic, or null for an anonymous request (or a user without a clinic claim).</summary>
    public static Guid? ClinicIdOrNull(this ClaimsPrincipal user) => GuidOf(user, PortalClaims.ClinicId);

    /// <summary>The clinic of the signed-in clinician, admin or patient.</summary>
    public static Guid ClinicId(this ClaimsPrincipal user) => GuidOf(user, PortalClaims.ClinicId) ?? throw Missing(PortalClaims.ClinicId);

    /// <summary>The signed-in user's account id (Identity's name identifier).</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id : throw Missing(ClaimTypes.NameIdentifier);

    /// <summary>The patient record of the signed-in patient.</summary>
    public static Guid PatientId(this ClaimsPrincipal user) => GuidOf(user, PortalClaims.PatientId) ?? throw Missing(PortalClaims.PatientId);

    /// <summary>The name to show and to sign prescriptions with.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(PortalClaims.DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    private static Guid? GuidOf(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirst(type)?.Value, out var id) ? id : null;

    private static InvalidOperationException Missing(string type) =>
        new($"The signed-in user has no valid '{type}' claim; the page's policy should have refused the request.");
}
