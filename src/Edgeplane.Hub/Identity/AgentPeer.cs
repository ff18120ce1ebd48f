using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// An agent authenticated by its client certificate for the current RPC. The cluster comes from the verified
/// certificate, never from a request field; a field naming a cluster must match it exactly (<see cref="RequireCluster"/>).
/// </summary>
/// <param name="Cluster">The cluster id from the certificate's CN.</param>
/// <param name="Serial">The certificate serial (uppercase hex).</param>
/// <param name="NotBefore">Certificate validity start.</param>
/// <param name="NotAfter">Certificate expiry; a stream opened with it must end by then.</param>
internal sealed record AgentPeer(ClusterId Cluster, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>
    /// Throws <see cref="IdentityException"/> (<see cref="IdentityError.ClusterMismatch"/>) unless
    /// <paramref name="claimed"/> is exactly this peer's cluster id (ordinal, whole string, no trimming).
    /// </summary>
    public void RequireCluster(string? claimed)
    {
        if (!string.Equals(claimed, Cluster.Value, StringComparison.Ordinal))
        {
            throw new IdentityException(IdentityError.ClusterMismatch,
                $"the client certificate identifies cluster '{Cluster}', but the request names '{claimed}'");
        }
    }
}
