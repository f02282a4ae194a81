using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Extensions;

public static class IdentityExtensions
{
    public const string ClinicianPolicy = "Clinician";
    public const string PatientPolicy = "Patient";
    public const string AdminPolicy = "Admin";

    /// <summary>Identity with EF stores, cookie paths, lockout, the password policy and the role policies.</summary>
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // A policy by length (NIST SP 800-63B): long passphrases beat composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // No hard lockout (anyone could lock anyone out, and only real accounts ever got a lockout page):
                // growing delays per address instead (AccountThrottle), plus the per-client rate limit.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        builder.Services.AddSingleton<ServerSideSessions>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<AccountThrottle>();
        builder.Services.AddScoped<AccountChecks>();
        builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ServerSideSessions>((o, sessions) => o.SessionStore = sessions);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Identity/Account/Login";
            o.LogoutPath = "/Identity/Account/Logout";
            o.AccessDeniedPath = "/Identity/Account/AccessDenied";
            o.Cookie.Name = "physioportal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        builder.Services.AddAuthorizationBuilder()
            // The claims the pages read (SignedInUser) are demanded here: a cookie without them is refused, never a 500.
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin).RequireClaim(PortalClaims.ClinicId))
            .AddPolicy(ClinicianPolicy, p => p.RequireRole(Roles.Clinician, Roles.Admin).RequireClaim(PortalClaims.ClinicId))
            .AddPolicy(PatientPolicy, p => p.RequireRole(Roles.Patient).RequireClaim(PortalClaims.ClinicId).RequireClaim(PortalClaims.PatientId));
        return builder;
    }
}

/// <summary>Puts the clinic, the patient record and the display name into the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.ClinicId, user.ClinicId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.PatientId is { } patientId)
        {
            identity.AddClaim(new Claim(PortalClaims.PatientId, patientId.ToString()));
        }
        return identity;
    }
}
