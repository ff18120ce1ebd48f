using System.IO.Compression;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Protocol.Bundles;

/// <summary>
/// Bundle bytes compressed, in the contract's two forms. At rest the hub stores each bundle Brotli-compressed
/// (<see cref="StoredEncoding"/>; YAML-ish JSON compresses 8–15× at a fast quality level). On the wire it serves the
/// gzip stream of the canonical bytes (<see cref="BundleCompression.Gzip"/>, compressed once per digest), which the agent
/// decompresses with a cap of <see cref="ProtocolLimits.MaxBundleBytes"/>, so a decompression bomb stops there.
/// </summary>
public static class BundleCodec
{
    /// <summary>The encoding name stored with each bundle (Brotli).</summary>
    public const string StoredEncoding = "br";

    // Quality 5 of 11: most of the ratio at a fraction of the CPU; a 10,000-cluster commit compresses in parallel.
    private const int Quality = 5;
    private const int Window = 22;
    private const int CopyBufferBytes = 81920;

    /// <summary>Compresses canonical bundle bytes for the store (<see cref="StoredEncoding"/>). Thread-safe.</summary>
    public static byte[] CompressForStore(ReadOnlySpan<byte> canonical)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(canonical.Length)];
        if (!BrotliEncoder.TryCompress(canonical, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli compression failed");
        }
        return buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Decompresses stored bytes of a known uncompressed <paramref name="size"/> (at most
    /// <see cref="ProtocolLimits.MaxBundleBytes"/>). Throws <see cref="InvalidDataException"/> for an unknown encoding,
    /// a size out of bounds, or bytes that do not decompress to exactly <paramref name="size"/> bytes.
    /// </summary>
    public static byte[] DecompressStored(string encoding, byte[] data, int size)
    {
        if (encoding != StoredEncoding)
        {
            throw new InvalidDataException($"unknown bundle encoding '{encoding}'");
        }
        if (size < 0 || size > ProtocolLimits.MaxBundleBytes)
        {
            throw new InvalidDataException($"stored bundle claims {size} bytes; the limit is {ProtocolLimits.MaxBundleBytes} (ProtocolLimits.MaxBundleBytes)");
        }
        var output = new byte[size];
        if (!BrotliDecoder.TryDecompress(data, output, out var written) || written != size)
        {
            throw new InvalidDataException($"stored bundle is corrupt: expected {size} bytes after decompression");
        }
        return output;
    }

    /// <summary>The gzip stream (RFC 1952) of canonical bundle bytes that <c>FetchBundle</c> serves in chunks.</summary>
    public static byte[] CompressForWire(ReadOnlySpan<byte> canonical)
    {
        using var gzipped = new MemoryStream(capacity: Math.Max(256, canonical.Length / 4));
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(canonical);
        }
        return gzipped.ToArray();
    }

    /// <summary>
    /// Reads a downloaded bundle of <paramref name="digest"/> from <paramref name="compressed"/>, decompressing it as
    /// <paramref name="compression"/> says, and stops past <see cref="ProtocolLimits.MaxBundleBytes"/>. Throws
    /// <see cref="InvalidDataException"/> for an unknown compression, invalid gzip, or too many bytes.
    /// </summary>
    public static Task<byte[]> DecompressFromWireAsync(BundleCompression compression, Stream compressed, BundleDigest digest,
        CancellationToken cancellationToken) =>
        DecompressFromWireAsync(compression, compressed, digest, ProtocolLimits.MaxBundleBytes, cancellationToken);

    /// <summary>As the public overload, with the cap as a parameter (tests use a small one).</summary>
    internal static async Task<byte[]> DecompressFromWireAsync(BundleCompression compression, Stream compressed, BundleDigest digest,
        long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        if (compression == BundleCompression.None)
        {
            return await ReadCappedAsync(compressed, digest, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        if (compression != BundleCompression.Gzip)
        {
            throw new InvalidDataException($"download of {digest} uses compression {compression}, which this agent does not know");
        }
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        return await ReadCappedAsync(gzip, digest, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream source, BundleDigest digest, long maxBytes, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var buffer = new byte[CopyBufferBytes];
        int read;
        while ((read = await ReadAsync(source, buffer, digest, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new InvalidDataException($"bundle {digest} decompresses to more than {maxBytes} bytes; refused");
            }
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    private static async ValueTask<int> ReadAsync(Stream source, byte[] buffer, BundleDigest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e) when (source is GZipStream)
        {
            throw new InvalidDataException($"download of {digest} is not valid gzip: {e.Message}", e);
        }
    }
}
