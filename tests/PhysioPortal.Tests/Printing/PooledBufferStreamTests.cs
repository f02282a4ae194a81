using PhysioPortal.Core.Handouts.Composition;

namespace PhysioPortal.Tests.Printing;

public class PooledBufferStreamTests
{
    [Fact]
    public void Behaves_like_a_memory_stream_while_growing_past_its_first_buffer()
    {
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();
        using var pooled = new PooledBufferStream(1024);
        using var memory = new MemoryStream();

        foreach (var stream in new Stream[] { pooled, memory })
        {
            stream.Write(data, 0, 1000);
            stream.WriteByte(7);
            stream.Write(data.AsSpan(1000));
            stream.Position = 10;
            stream.Write([1, 2, 3]);
            stream.Seek(5, SeekOrigin.End);
            stream.WriteByte(9); // leaves a gap of zeros
            stream.SetLength(stream.Length - 1);
            stream.SetLength(stream.Length + 3);
        }

        Assert.Equal(memory.ToArray(), pooled.ToArray());
        Assert.Equal(memory.Length, pooled.Length);
        pooled.Position = 0;
        var read = new byte[pooled.Length + 10];
        var total = 0;
        int n;
        while ((n = pooled.Read(read, total, Math.Min(4096, read.Length - total))) > 0)
            total += n;
        Assert.Equal(memory.ToArray(), read[..total]);
        Assert.Equal(0, pooled.Read(new byte[10]));
    }

    [Fact]
    public async Task Can_be_streamed_out_once_written_and_refuses_use_after_dispose()
    {
        var pooled = new PooledBufferStream();
        pooled.Write("%PDF-1.7"u8);
        pooled.Position = 0;
        using var target = new MemoryStream();

        await pooled.CopyToAsync(target);
        await pooled.DisposeAsync();

        Assert.Equal("%PDF-1.7"u8.ToArray(), target.ToArray());
        Assert.False(pooled.CanRead);
        Assert.Throws<ObjectDisposedException>(() => pooled.Length);
        Assert.Throws<ObjectDisposedException>(() => pooled.WriteByte(1));
    }
}
