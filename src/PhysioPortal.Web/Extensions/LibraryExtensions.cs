using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Media;

namespace PhysioPortal.Web.Extensions;

public static class LibraryExtensions
{
    /// <summary>The clinic's own library: own exercises and routines, their photos and videos (stored by <see cref="IObjectStore"/>).</summary>
    public static WebApplicationBuilder AddPortalLibrary(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<MediaOptions>(builder.Configuration.GetSection(MediaOptions.Section));
        services.AddScoped<ClinicLibrary>();
        services.AddScoped<ClinicRoutines>();
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton(sp => new UploadGate(sp.GetRequiredService<IOptions<MediaOptions>>().Value.ConcurrentUploads));
        services.AddScoped<ExerciseMediaService>();
        services.AddHttpClient(nameof(S3ObjectStore));
        services.AddScoped<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return string.Equals(options.Store, "S3", StringComparison.OrdinalIgnoreCase)
                ? new S3ObjectStore(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(S3ObjectStore)), options.S3, sp.GetRequiredService<TimeProvider>())
                : new PostgresObjectStore(sp.GetRequiredService<PortalDbContext>());
        });
        // A video and the form's fields; the handler refuses a larger file with a message before storing anything.
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = ExerciseMediaService.MaxRequestBytes);
        return builder;
    }

    /// <summary>
    /// GET /media/{key}: a stored photo or video, for anyone signed in to a clinic that owns it (a patient sees the
    /// photos of their own routine; another clinic gets 404). Immutable: strong ETag (the key), cached for a year,
    /// ranges for video seeking.
    /// </summary>
    public static WebApplication MapPortalMedia(this WebApplication app)
    {
        app.MapGet("/media/{key:regex(^[0-9a-f]{{64}}$)}", async (string key, PortalDbContext db, IObjectStore store, HttpContext http) =>
        {
            var found = await db.StoredObjects.AsNoTracking()
                .Where(o => o.Key == key && db.StoredObjectOwners.Any(w => w.Key == key))
                .Select(o => new { o.ContentType, o.Length })
                .FirstOrDefaultAsync();
            if (found is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(new StoredObjectStream(store, key, found.Length), found.ContentType,
                entityTag: new EntityTagHeaderValue($"\"{key}\""), enableRangeProcessing: true);
        }).RequireAuthorization().WithName("Media");
        return app;
    }
}
