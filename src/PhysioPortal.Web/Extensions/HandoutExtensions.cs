using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Web.Extensions;

public static class HandoutExtensions
{
    public const string AuditAction = "handout.download";

    /// <summary>The printed handout: the document (a singleton: thread-safe, caches font metrics) and its factory.</summary>
    public static WebApplicationBuilder AddPortalHandouts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => new HandoutDocument());
        builder.Services.AddScoped<HandoutFactory>();
        builder.Services.AddScoped<HandoutDownload>();
        return builder;
    }
}
