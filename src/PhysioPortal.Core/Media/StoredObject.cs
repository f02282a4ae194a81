namespace PhysioPortal.Core.Media;

/// <summary>
/// An immutable stored file (a processed photo or a video), named by the SHA-256 of its bytes: the same bytes are
/// stored once, and a key never changes meaning. In PostgreSQL the bytes are in <see cref="StoredObjectChunk"/> rows
/// so that a range request reads only the chunks it needs.
/// </summary>
public class StoredObject
{
    public required string Key { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public int ChunkSize { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public class StoredObjectChunk
{
    public required string Key { get; set; }
    public int Index { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>Which clinic may read a stored object (the same bytes uploaded by two clinics have two rows here).</summary>
public class StoredObjectOwner
{
    public required string Key { get; set; }
    public Guid ClinicId { get; set; }
}
