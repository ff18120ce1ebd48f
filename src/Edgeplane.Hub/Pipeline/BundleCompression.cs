using System.IO.Compression;

namespace Edgeplane.Hub.Pipeline;

/// <summary>Bundles are stored Brotli-compressed; YAML-ish JSON compresses 8–15× at a fast quality level.</summary>
internal static class BundleCompression
{
    /// <summary>The encoding name stored with each bundle.</summary>
    public const string Encoding = "br";

    // Quality 5 of 11: most of the ratio at a fraction of the CPU; a 10,000-cluster commit compresses in parallel.
    private const int Quality = 5;
    private const int Window = 22;

    /// <summary>Compresses canonical bundle bytes.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli compression failed");
        }
        return buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>Decompresses stored bytes of a known uncompressed <paramref name="size"/>.</summary>
    public static byte[] Decompress(string encoding, byte[] data, int size)
    {
        if (encoding != Encoding)
        {
            throw new InvalidDataException($"unknown bundle encoding '{encoding}'");
        }
        var output = new byte[size];
        if (!BrotliDecoder.TryDecompress(data, output, out var written) || written != size)
        {
            throw new InvalidDataException($"stored bundle is corrupt: expected {size} bytes after decompression");
        }
        return output;
    }
}
