using System.Buffers;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// An in-memory stream whose buffer is rented from <see cref="ArrayPool{T}.Shared"/> and given back on dispose.
/// A PDF of 100 KB or more would otherwise land on the large object heap once or twice per document (the buffer and
/// its regrowths), and those allocations set off full garbage collections under load. Not thread-safe.
/// </summary>
public sealed class PooledBufferStream : Stream
{
    private byte[] _buffer;
    private int _length;
    private int _position;
    private bool _disposed;

    public PooledBufferStream(int initialCapacity = 64 * 1024) =>
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, initialCapacity));

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => !_disposed;

    public override long Length => Live()._length;

    public override long Position
    {
        get => Live()._position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, int.MaxValue);
            Live()._position = (int)value;
        }
    }

    /// <summary>The written bytes, without copying; valid until the stream is written to again or disposed.</summary>
    public ReadOnlySpan<byte> WrittenSpan => Live()._buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Live();
        var n = Math.Max(0, Math.Min(buffer.Length, _length - _position));
        _buffer.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Live();
        var end = checked(_position + buffer.Length);
        Grow(end);
        if (_position > _length)
            _buffer.AsSpan(_length, _position - _length).Clear();
        buffer.CopyTo(_buffer.AsSpan(_position));
        _position = end;
        _length = Math.Max(_length, end);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Live()._position + offset,
            SeekOrigin.End => Live()._length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, int.MaxValue);
        Live();
        var length = (int)value;
        Grow(length);
        if (length > _length)
            _buffer.AsSpan(_length, length - _length).Clear();
        _length = length;
        _position = Math.Min(_position, length);
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        if (needed <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private PooledBufferStream Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return this;
    }
}
