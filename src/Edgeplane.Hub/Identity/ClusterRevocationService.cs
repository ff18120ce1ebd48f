using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Revokes a cluster: from the store's commit on, no certificate of the cluster authenticates any RPC, renewal is
/// refused, its unused tokens are void, and its live streams on this process are cancelled at once.
/// </summary>
internal sealed partial class ClusterRevocationService(
    IIdentityStore store,
    AgentConnectionRegistry connections,
    TimeProvider time,
    ILogger<ClusterRevocationService> logger)
{
    /// <summary>Revokes <paramref name="cluster"/> for <paramref name="reason"/> (operator text, kept in the store).</summary>
    public async Task<ClusterRevocation> RevokeAsync(ClusterId cluster, string reason, CancellationToken cancellationToken)
    {
        var revocation = await store.RevokeClusterAsync(cluster, reason, time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        var dropped = connections.Drop(cluster, GoodbyeReason.Revoked);
        LogRevoked(logger, cluster.Value, reason, revocation.CertificatesRevoked, revocation.TokensInvalidated, dropped);
        return revocation with { ConnectionsDropped = dropped };
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Cluster {Cluster} revoked ({Reason}): {Certificates} certificate(s), {Tokens} token(s), {Connections} stream(s)")]
    private static partial void LogRevoked(
        ILogger logger, string cluster, string reason, int certificates, int tokens, int connections);
}
