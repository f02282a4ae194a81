using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Extensions;

public static class LibraryExtensions
{
    /// <summary>The clinic's own library: own exercises, their photos and videos, routines and favourites.</summary>
    public static WebApplicationBuilder AddPortalLibrary(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClinicLibrary>();
        return builder;
    }
}
