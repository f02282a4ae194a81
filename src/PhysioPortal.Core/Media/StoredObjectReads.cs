using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Media;

/// <summary>A stored object as the media endpoint serves it: its type and length, and its bytes when it is small.</summary>
public sealed record StoredObjectRead(string Key, string ContentType, long Length, byte[]? Bytes);

/// <summary>
/// What the media endpoint needs to serve a stored object to a clinic, remembered by this process: that the clinic may
/// read the key, the object's type and length, and the bytes of small objects (web-size photos). Objects are
/// immutable and named by their SHA-256, and an owner row is never taken back (only a deleted clinic loses its rows,
/// and with them its users), so what is remembered never goes stale; only what was found is remembered, so a clinic
/// refused now is asked about again next time (it may upload the same bytes later). Bounded by
/// <see cref="MediaOptions.ReadCacheMegabytes"/>; the least recently used entries go first.
/// </summary>
public sealed class StoredObjectReads(MediaOptions options) : IDisposable
{
    /// <summary>What an entry that holds no bytes counts for against the bound.</summary>
    private const int EntryBytes = 256;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.ReadCacheMegabytes) * 1024L * 1024L,
        CompactionPercentage = 0.25,
    });

    private readonly long _maxObjectBytes = options.ReadCacheMegabytes <= 0 ? -1 : Math.Min(options.ReadCacheMaxObjectKilobytes * 1024L, int.MaxValue);

    /// <summary>
    /// The object if <paramref name="clinicId"/> may read it, else null. Asks PostgreSQL (one statement, and one
    /// more per 256 KiB chunk of a small object's bytes) only the first time this process sees the key for that clinic;
    /// the context and the store are only resolved then.
    /// </summary>
    public async Task<StoredObjectRead?> FindAsync(string key, Guid clinicId, Func<PortalDbContext> database, Func<IObjectStore> objects, CancellationToken ct = default)
    {
        var caching = _maxObjectBytes >= 0;
        if (!caching || !_cache.TryGetValue(new Allowed(key, clinicId), out Metadata? meta) || meta is null)
        {
            // The clinic is named here as well as by the context's filter: the answer is remembered for this clinic.
            var db = database();
            meta = await db.StoredObjects.AsNoTracking()
                .Where(o => o.Key == key && db.StoredObjectOwners.Any(w => w.Key == key && w.ClinicId == clinicId))
                .Select(o => new Metadata(o.ContentType, o.Length))
                .FirstOrDefaultAsync(ct);
            if (meta is null) return null;
            if (caching) _cache.Set(new Allowed(key, clinicId), meta, new MemoryCacheEntryOptions { Size = EntryBytes });
        }
        byte[]? bytes = null;
        if (meta.Length <= _maxObjectBytes && !_cache.TryGetValue(new Content(key), out bytes))
        {
            bytes = await ReadWholeAsync(objects(), key, meta.Length, ct);
            if (bytes is not null) _cache.Set(new Content(key), bytes, new MemoryCacheEntryOptions { Size = bytes.Length + EntryBytes });
        }
        return new StoredObjectRead(key, meta.ContentType, meta.Length, bytes);
    }

    /// <summary>The whole object, or null if the store gave fewer bytes than its length says (then it is streamed).</summary>
    private static async Task<byte[]?> ReadWholeAsync(IObjectStore store, string key, long length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var at = 0;
        while (at < bytes.Length)
        {
            var read = await store.ReadAsync(key, at, bytes.AsMemory(at), ct);
            if (read <= 0) return null;
            at += read;
        }
        return bytes;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Metadata(string ContentType, long Length);

    private sealed record Allowed(string Key, Guid ClinicId);

    private sealed record Content(string Key);
}
