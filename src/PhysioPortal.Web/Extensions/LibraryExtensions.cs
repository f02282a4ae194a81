using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
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
        services.AddSingleton(sp => new StoredObjectReads(sp.GetRequiredService<IOptions<MediaOptions>>().Value));
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
    /// ranges for video seeking. Whether the user's clinic may read the key, and a small object's bytes, are
    /// remembered by <see cref="StoredObjectReads"/>: a repeated request (or a browser's If-None-Match, answered 304
    /// after the same check) touches no database.
    /// </summary>
    public static WebApplication MapPortalMedia(this WebApplication app)
    {
        app.MapGet("/media/{key:regex(^[0-9a-f]{{64}}$)}", async (string key, HttpContext http, StoredObjectReads reads) =>
        {
            // The clinic comes from the session's claim, as the query filters' does; no clinic, no media.
            if (http.User.ClinicIdOrNull() is not { } clinicId) return Results.NotFound();
            var services = http.RequestServices;
            var found = await reads.FindAsync(key, clinicId, services.GetRequiredService<PortalDbContext>, services.GetRequiredService<IObjectStore>, http.RequestAborted);
            if (found is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var tag = new EntityTagHeaderValue($"\"{key}\"");
            return found.Bytes is { } bytes
                ? Results.Bytes(bytes, found.ContentType, entityTag: tag, enableRangeProcessing: true)
                : Results.File(new StoredObjectStream(services.GetRequiredService<IObjectStore>(), key, found.Length), found.ContentType, entityTag: tag, enableRangeProcessing: true);
        }).RequireAuthorization().WithName("Media");
        return app;
    }
}
