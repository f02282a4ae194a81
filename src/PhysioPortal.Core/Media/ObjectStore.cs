namespace PhysioPortal.Core.Media;

/// <summary>
/// Where the bytes of stored objects live. Objects are immutable and named by the SHA-256 of their bytes, so a put of
/// a key that exists does nothing. The object's metadata (type, length, which clinics may read it) is always in
/// PostgreSQL (<see cref="StoredObject"/>); only the bytes move between implementations.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores the bytes under the key, streaming them; a no-op when the key is already stored.</summary>
    Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken ct = default);

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/>; fewer at the end.</summary>
    Task<int> ReadAsync(string key, long offset, Memory<byte> buffer, CancellationToken ct = default);
}

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>"Postgres" (default) or "S3".</summary>
    public string Store { get; set; } = "Postgres";

    public S3Options S3 { get; set; } = new();

    /// <summary>Uploads processed at the same time by one instance; more wait their turn.</summary>
    public int ConcurrentUploads { get; set; } = 2;

    /// <summary>
    /// Memory one instance keeps for serving stored objects (<see cref="StoredObjectReads"/>): which clinic may read
    /// which key, and the bytes of small objects. 0 turns it off (every request asks PostgreSQL and streams).
    /// </summary>
    public int ReadCacheMegabytes { get; set; } = 32;

    /// <summary>Objects up to this size are kept whole in <see cref="ReadCacheMegabytes"/> (a web-size photo is ~100 KB).</summary>
    public int ReadCacheMaxObjectKilobytes { get; set; } = 512;
}

public sealed class S3Options
{
    /// <summary>The service URL, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:4568 for an emulator.</summary>
    public string? Endpoint { get; set; }
    public string? Bucket { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
}

/// <summary>
/// A read-only, seekable view of a stored object that reads only the block under its position: ASP.NET Core's range
/// processing seeks and copies what a range asks for, so a phone seeking in a video never loads the whole file.
/// </summary>
public sealed class StoredObjectStream(IObjectStore store, string key, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0) return 0;
        var want = (int)Math.Min(buffer.Length, length - _position);
        var read = await store.ReadAsync(key, _position, buffer[..want], cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
