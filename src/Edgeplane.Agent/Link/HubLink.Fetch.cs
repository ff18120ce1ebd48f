using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Reconcile;
using Edgeplane.Agent.Status;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Agent.Link;

internal sealed partial class HubLink : IBundleSource
{
    /// <inheritdoc />
    public async Task<byte[]> FetchAsync(BundleDigest digest, CancellationToken cancellationToken)
    {
        if (Status.State == HubLinkState.Stopped)
        {
            throw new ReconcileFailure(AgentReasons.BundleUnavailable,
                $"bundle {digest} is not cached and the agent no longer talks to the hub ({Status.Message})");
        }
        try
        {
            var client = new AgentGateway.AgentGatewayClient(Channel());
            var bytes = await _deps.Fetcher.FetchAsync(client, digest, _options.BundleFetchTimeout, cancellationToken).ConfigureAwait(false);
            LogFetched(_deps.Logger, digest.ToString(), bytes.Length);
            return bytes;
        }
        catch (BundleFetchException e)
        {
            throw new ReconcileFailure(e.Corrupt ? AgentReasons.BundleVerificationFailed : AgentReasons.BundleUnavailable, e.Message, false, e);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var what = e.StatusCode == StatusCode.NotFound ? "the hub has no such bundle for this cluster" : $"{e.StatusCode}";
            throw new ReconcileFailure(AgentReasons.BundleUnavailable, $"bundle {digest} could not be fetched from {_options.Hub}: {what}: {e.Status.Detail}",
                false, e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            throw new ReconcileFailure(AgentReasons.BundleUnavailable, $"bundle {digest} could not be fetched from {_options.Hub}: {e.Message}", false, e);
        }
    }
}
