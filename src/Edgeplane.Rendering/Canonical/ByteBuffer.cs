using System.Buffers;

namespace Edgeplane.Rendering.Canonical;

/// <summary>A growable byte buffer rented from the shared pool; reused per thread by the renderer.</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _bytes;

    public ByteBuffer(int capacity = 64 * 1024) => _bytes = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    public void Clear() => Length = 0;

    /// <summary>Forgets everything written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _bytes.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + size));
            _bytes.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
        return _bytes.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Write(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}
