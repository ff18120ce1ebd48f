using System.Security.Cryptography;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Agent.Bundles;

/// <summary>
/// Downloads one bundle with <c>FetchBundle</c> (docs/protocol.md, "Bundles"): consecutive chunks of the hub's gzip
/// stream are appended to a partial file, so a broken download resumes at its byte offset. At the end it checks the
/// compressed sha256, decompresses with <see cref="BundleCodec"/> (capped at <see cref="ProtocolLimits.MaxBundleBytes"/>: a
/// decompression bomb stops there), checks that the result hashes to the requested digest, and only then stores it in the cache.
/// </summary>
public sealed class BundleFetcher(BundleCache cache)
{
    /// <summary>Fetches <paramref name="digest"/> over <paramref name="client"/>, verifies and caches it; returns the bundle bytes.</summary>
    /// <exception cref="BundleFetchException">The download broke off, or what arrived failed verification.</exception>
    /// <exception cref="RpcException">The hub refused the call (e.g. NotFound, PermissionDenied) or could not be reached.</exception>
    public async Task<byte[]> FetchAsync(AgentGateway.AgentGatewayClient client, BundleDigest digest, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var partial = cache.PartialPathOf(digest);
        var final = await DownloadAsync(client, digest, partial, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await VerifyAsync(digest, partial, final, cancellationToken).ConfigureAwait(false);
            cache.Write(digest, bytes);
            return bytes;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<BundleChunk> DownloadAsync(AgentGateway.AgentGatewayClient client, BundleDigest digest, string partial,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        var request = new FetchBundleRequest { Digest = digest.ToString(), Offset = (ulong)offset };
        // A network timeout, so wall-clock time (gRPC deadlines travel as durations on the wire).
        using var call = client.FetchBundle(request, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
        await using var file = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None);
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var chunk = call.ResponseStream.Current;
                Check(chunk, offset, digest);
                await file.WriteAsync(chunk.Data.Memory, cancellationToken).ConfigureAwait(false);
                offset += chunk.Data.Length;
                if (chunk.Final)
                {
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return chunk;
                }
            }
        }
        catch (BundleFetchException)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            File.Delete(partial);
            throw;
        }
        throw new BundleFetchException($"the hub ended the download of {digest} at byte {offset} without a final chunk", corrupt: false);
    }

    private static void Check(BundleChunk chunk, long offset, BundleDigest digest)
    {
        string? problem = null;
        if ((long)chunk.Offset != offset)
        {
            problem = $"a chunk starts at byte {chunk.Offset}, expected {offset}";
        }
        else if (chunk.Data.Length > ProtocolLimits.BundleChunkBytes)
        {
            problem = $"a chunk holds {chunk.Data.Length} bytes; at most {ProtocolLimits.BundleChunkBytes} are allowed";
        }
        else if (chunk.CompressedSize > ProtocolLimits.MaxBundleBytes || chunk.UncompressedSize > ProtocolLimits.MaxBundleBytes)
        {
            problem = $"the bundle is {chunk.CompressedSize} bytes compressed, {chunk.UncompressedSize} uncompressed; the limit is {ProtocolLimits.MaxBundleBytes}";
        }
        else if ((ulong)offset + (ulong)chunk.Data.Length > chunk.CompressedSize)
        {
            problem = $"chunks run past the announced size of {chunk.CompressedSize} bytes";
        }
        if (problem is not null)
        {
            throw new BundleFetchException($"download of {digest} is inconsistent: {problem}", corrupt: true);
        }
    }

    private static async Task<byte[]> VerifyAsync(BundleDigest digest, string partial, BundleChunk final, CancellationToken cancellationToken)
    {
        var length = new FileInfo(partial).Length;
        if ((ulong)length != final.CompressedSize)
        {
            throw new BundleFetchException($"download of {digest} has {length} bytes, the hub announced {final.CompressedSize}", corrupt: true);
        }
        await using (var file = File.OpenRead(partial))
        {
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(hash, final.CompressedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BundleFetchException(
                    $"download of {digest} hashes to {hash}, the hub announced {final.CompressedSha256}", corrupt: true);
            }
        }
        var bytes = await DecompressAsync(digest, partial, final.Compression, cancellationToken).ConfigureAwait(false);
        var actual = BundleDigest.Of(bytes);
        if (actual != digest)
        {
            throw new BundleFetchException($"the bundle downloaded for {digest} hashes to {actual}; it was discarded", corrupt: true);
        }
        return bytes;
    }

    private static async Task<byte[]> DecompressAsync(BundleDigest digest, string partial, BundleCompression compression,
        CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(partial);
        try
        {
            return await BundleCodec.DecompressFromWireAsync(compression, file, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new BundleFetchException(e.Message, corrupt: true, e);
        }
    }
}
