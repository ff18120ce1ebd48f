using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

public sealed partial class EnrollmentService
{
    /// <summary>
    /// Issues a fresh certificate to an authenticated agent for the key in its CSR. The cluster comes from the
    /// presented certificate; the request's cluster id must match it exactly. The presented certificate stays valid
    /// until it expires. Throws <see cref="IdentityException"/> with the reason.
    /// </summary>
    public async Task<RenewResponse> RenewAsync(AgentPeer peer, RenewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            peer.RequireCluster(request.ClusterId);
            var now = time.GetUtcNow();
            var earliest = peer.NotBefore + ((peer.NotAfter - peer.NotBefore) * MinRenewalAgeFraction);
            if (now < earliest)
            {
                throw new IdentityException(IdentityError.RenewalTooEarly,
                    $"certificate {peer.Serial} of cluster '{peer.Cluster}' can be renewed from {earliest:u} on");
            }
            var publicKey = CsrReader.ReadPublicKey(request.CsrDer.Span);
            using var certificate = Issue(peer.Cluster, publicKey, now, out var record);
            if (!await store.RecordRenewalAsync(record, cancellationToken).ConfigureAwait(false))
            {
                throw new IdentityException(IdentityError.ClusterRevoked,
                    $"cluster '{peer.Cluster}' was revoked; enrol again with a new bootstrap token");
            }
            LogRenewed(logger, peer.Cluster.Value, peer.Serial, record.Serial, record.NotAfter);
            return new RenewResponse { Certificate = ToMessage(certificate) };
        }
        catch (IdentityException e)
        {
            LogRenewRefused(logger, peer.Cluster.Value, e.Error, e.Message);
            throw;
        }
    }
}
