using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Observability;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Edgeplane.Hub.Gateway.Bundles;

/// <summary>
/// FetchBundle: one bundle by digest, as consecutive slices of its gzip stream (at most
/// <see cref="ProtocolLimits.BundleChunkBytes"/> each) from the requested offset, the last one carrying the sha256 of
/// the whole gzip stream. An agent may fetch only its own cluster's current or recent targets; the download is
/// registered like a stream, so a revocation ends it at once.
/// </summary>
internal sealed class BundleServer(TargetIndex index, GzipBundleCache cache, AgentConnectionRegistry registry, GatewayMetrics metrics)
{
    public async Task ServeAsync(FetchBundleRequest request, IServerStreamWriter<BundleChunk> responses, ServerCallContext context)
    {
        var peer = context.GetAgentPeer();
        if (!BundleDigest.IsValid(request.Digest))
        {
            throw Refused(StatusCode.InvalidArgument, "invalid", $"digest '{Cut(request.Digest)}' is not {BundleDigest.Syntax}");
        }
        if (!index.Allows(peer.Cluster.Value, request.Digest))
        {
            throw Refused(StatusCode.PermissionDenied, "refused",
                $"bundle {request.Digest} is not a current or recent target of cluster '{peer.Cluster}'");
        }
        using var connection = await registry.OpenAsync(peer, context.CancellationToken).ConfigureAwait(false);
        var bundle = await cache.GetAsync(request.Digest, connection.Token).ConfigureAwait(false)
            ?? throw Refused(StatusCode.NotFound, "not_found", $"bundle {request.Digest} is not in the store");
        if (request.Offset > (ulong)bundle.Data.Length)
        {
            throw Refused(StatusCode.OutOfRange, "refused",
                $"offset {request.Offset} is past the end of bundle {request.Digest} ({bundle.Data.Length} compressed bytes)");
        }
        try
        {
            await SendAsync(bundle, (int)request.Offset, responses, connection.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connection.EndReason is GoodbyeReason.Revoked)
        {
            throw new IdentityException(IdentityError.ClusterRevoked, $"cluster '{peer.Cluster}' was revoked during the download");
        }
        metrics.BundleFetches.WithLabels("served").Inc();
    }

    private async Task SendAsync(GzipBundle bundle, int offset, IServerStreamWriter<BundleChunk> responses, CancellationToken cancellationToken)
    {
        var total = bundle.Data.Length;
        for (var position = offset; ; position += ProtocolLimits.BundleChunkBytes)
        {
            var length = Math.Min(ProtocolLimits.BundleChunkBytes, total - position);
            var final = position + length >= total;
            var chunk = new BundleChunk
            {
                Offset = (ulong)position,
                Data = UnsafeByteOperations.UnsafeWrap(bundle.Data.AsMemory(position, length)),
                Compression = BundleCompression.Gzip,
                CompressedSize = (ulong)total,
                UncompressedSize = (ulong)bundle.UncompressedSize,
                Final = final,
            };
            if (final)
            {
                chunk.CompressedSha256 = bundle.Sha256Hex;
            }
            await responses.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            metrics.BundleBytes.Inc(length);
            if (final)
            {
                return;
            }
        }
    }

    private RpcException Refused(StatusCode code, string outcome, string message)
    {
        metrics.BundleFetches.WithLabels(outcome).Inc();
        return new RpcException(new Grpc.Core.Status(code, message));
    }

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
