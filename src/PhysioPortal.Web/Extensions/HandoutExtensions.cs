using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Web.Extensions;

public static class HandoutExtensions
{
    public const string AuditAction = PhysioPortal.Core.Audit.AuditActions.HandoutDownload;

    /// <summary>Handout downloads (the document and its factory are Core's: <c>AddPortalCore</c>).</summary>
    public static WebApplicationBuilder AddPortalHandouts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HandoutDownload>();
        return builder;
    }
}
