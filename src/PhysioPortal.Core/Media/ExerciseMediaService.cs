using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Media;

/// <summary>How many uploads one instance processes at once; the rest wait (memory stays bounded).</summary>
public sealed class UploadGate(int concurrent)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, concurrent));

    public int Available => _slots.CurrentCount;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Release(_slots);
    }

    private sealed class Release(SemaphoreSlim slots) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) slots.Release();
        }
    }
}

/// <summary>
/// Photos and the video of a clinic's own exercise: checks what a file really is, processes photos, stores the bytes
/// content-addressed (the same bytes once) and adds the exercise's media row, all in one transaction so that a refusal
/// or a failure leaves nothing half-stored.
/// </summary>
public sealed class ExerciseMediaService(PortalDbContext db, IObjectStore store, PhotoProcessor photos, UploadGate gate, TimeProvider clock)
{
    public const long MaxPhotoBytes = 20 * 1024 * 1024;
    public const long MaxVideoBytes = 40 * 1024 * 1024;

    /// <summary>The largest request an upload form may send: a video and the form's fields.</summary>
    public const long MaxRequestBytes = MaxVideoBytes + 1024 * 1024;

    public async Task<string?> AddPhotoAsync(Exercise exercise, Stream content, long length, CancellationToken ct = default)
    {
        if (exercise.IsBuiltIn) throw new InvalidOperationException("Built-in exercises are read-only.");
        if (exercise.Media.Count(m => m.Kind == MediaKind.Photo) >= ExerciseMedia.MaxPhotos)
            return $"An exercise can have at most {ExerciseMedia.MaxPhotos} photos. Remove one first.";
        if (length > MaxPhotoBytes) return $"This photo is {Megabytes(length)}; photos can be up to {Megabytes(MaxPhotoBytes)}.";
        if (length == 0) return "The file is empty. Choose a photo.";
        using var slot = await gate.EnterAsync(ct);
        var bytes = new byte[length];
        await content.ReadExactlyAsync(bytes, ct);
        ProcessedPhoto processed;
        try
        {
            processed = photos.Process(bytes);
        }
        catch (MediaRefusedException refused)
        {
            return refused.Message;
        }
        var web = Key(processed.Web);
        var print = Key(processed.Print);
        await StoreAsync(exercise, async () =>
        {
            await PutAsync(exercise.ClinicId!.Value, web, "image/jpeg", new MemoryStream(processed.Web, false), processed.Web.Length, ct);
            await PutAsync(exercise.ClinicId!.Value, print, "image/jpeg", new MemoryStream(processed.Print, false), processed.Print.Length, ct);
            return new ExerciseMedia
            {
                Kind = MediaKind.Photo, Key = web, PrintKey = print, ContentType = "image/jpeg",
                Width = processed.WebWidth, Height = processed.WebHeight, Length = processed.Web.Length,
            };
        }, ct);
        return null;
    }

    public async Task<string?> AddVideoAsync(Exercise exercise, Stream content, long length, CancellationToken ct = default)
    {
        if (exercise.IsBuiltIn) throw new InvalidOperationException("Built-in exercises are read-only.");
        if (exercise.Media.Any(m => m.Kind == MediaKind.Video)) return "This exercise already has a video. Remove it first.";
        if (length > MaxVideoBytes) return $"This video is {Megabytes(length)}; a video can be up to {Megabytes(MaxVideoBytes)}. Trim it to the exercise, or record it at a lower resolution.";
        if (length == 0) return "The file is empty. Choose a video.";
        if (!content.CanSeek) throw new ArgumentException("The video stream must be seekable.", nameof(content));
        using var slot = await gate.EnterAsync(ct);
        var head = new byte[MediaSniffer.HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var type = MediaSniffer.Sniff(head.AsSpan(0, read));
        content.Position = 0;
        var contentType = type switch
        {
            SniffedType.Mp4 when await MediaSniffer.IsMp4ContainerAsync(content, ct) => "video/mp4",
            SniffedType.WebM => "video/webm",
            SniffedType.Mp4 => null,
            _ => null,
        };
        if (contentType is null)
        {
            return type is SniffedType.Jpeg or SniffedType.Png or SniffedType.WebP or SniffedType.Heif
                ? "This file is a photo. Add it under \"Photos\" instead."
                : "This file is not an MP4 or WebM video (or it is damaged), whatever its name says. Send the video as your phone saved it.";
        }
        content.Position = 0;
        var key = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        await StoreAsync(exercise, async () =>
        {
            content.Position = 0;
            await PutAsync(exercise.ClinicId!.Value, key, contentType, content, length, ct);
            return new ExerciseMedia { Kind = MediaKind.Video, Key = key, ContentType = contentType, Length = length };
        }, ct);
        return null;
    }

    public async Task<bool> RemoveAsync(Exercise exercise, Guid mediaId, CancellationToken ct = default)
    {
        var media = exercise.Media.FirstOrDefault(m => m.Id == mediaId);
        if (media is null) return false;
        // The stored objects stay: prescriptions given earlier may still show them.
        exercise.Media.Remove(media);
        db.ExerciseMedia.Remove(media);
        var position = 0;
        foreach (var m in exercise.Media.Where(m => m.Kind == media.Kind).OrderBy(m => m.Position)) m.Position = ++position;
        exercise.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task StoreAsync(Exercise exercise, Func<Task<ExerciseMedia>> put, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var media = await put();
            media.Id = Guid.NewGuid();
            media.ExerciseId = exercise.Id;
            media.CreatedAt = clock.GetUtcNow();
            media.Position = exercise.Media.Count(m => m.Kind == media.Kind) + 1;
            db.ExerciseMedia.Add(media);
            exercise.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            exercise.Media.Add(media);
        });
    }

    private async Task PutAsync(Guid clinicId, string key, string contentType, Stream content, long length, CancellationToken ct)
    {
        await store.PutAsync(key, content, length, contentType, ct);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"StoredObjects\" (\"Key\", \"ContentType\", \"Length\", \"ChunkSize\", \"CreatedAt\") VALUES ({key}, {contentType}, {length}, {PostgresObjectStore.ChunkSize}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"StoredObjectOwners\" (\"Key\", \"ClinicId\") VALUES ({key}, {clinicId}) ON CONFLICT DO NOTHING", ct);
    }

    public static string Key(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
