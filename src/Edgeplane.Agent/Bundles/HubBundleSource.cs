using Edgeplane.Agent.Identity;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Bundles;

/// <summary>
/// Gets the bundles the reconciler lacks from the hub: <c>FetchBundle</c> over the agent's shared channel (a resumable,
/// verified download by <see cref="BundleFetcher"/>), each call bounded by <paramref name="timeout"/>. Every failure is a
/// <see cref="BundleFetchException"/> that says what went wrong; nothing is asked of a hub the agent no longer talks to
/// (<paramref name="hubUnavailable"/> says why, or null while the link may talk to it).
/// </summary>
internal sealed partial class HubBundleSource(
    SharedHubChannel channel,
    BundleFetcher fetcher,
    TimeSpan timeout,
    Func<string?> hubUnavailable,
    ILogger logger) : IBundleSource
{
    /// <inheritdoc />
    public async Task<byte[]> FetchAsync(BundleDigest digest, CancellationToken cancellationToken)
    {
        if (hubUnavailable() is { } why)
        {
            throw new BundleFetchException($"bundle {digest} is not cached and the agent no longer talks to the hub ({why})", corrupt: false);
        }
        try
        {
            var client = new AgentGateway.AgentGatewayClient(channel.Current());
            var bytes = await fetcher.FetchAsync(client, digest, timeout, cancellationToken).ConfigureAwait(false);
            LogFetched(logger, digest.ToString(), bytes.Length);
            return bytes;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var what = e.StatusCode == StatusCode.NotFound ? "the hub has no such bundle for this cluster" : $"{e.StatusCode}";
            throw new BundleFetchException($"bundle {digest} could not be fetched from {channel.Hub}: {what}: {e.Status.Detail}", corrupt: false, e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            throw new BundleFetchException($"bundle {digest} could not be fetched from {channel.Hub}: {e.Message}", corrupt: false, e);
        }
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Fetched bundle {Digest} ({Bytes} bytes)")]
    private static partial void LogFetched(ILogger logger, string digest, int bytes);
}
