using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

internal sealed partial class EnrollmentService
{
    /// <summary>
    /// Issues a fresh certificate to an authenticated agent for the key in its CSR. The cluster comes from the
    /// presented certificate; the request's cluster id must match it exactly. The presented certificate stays valid
    /// until it expires, and is renewed once: a repeated renewal for the same public key (the agent lost the answer)
    /// gets the certificate issued then, one for another key is refused (<see cref="IdentityError.AlreadyRenewed"/>).
    /// Concurrent renewals of one certificate issue one. Throws <see cref="IdentityException"/> with the reason.
    /// </summary>
    public async Task<RenewResponse> RenewAsync(AgentPeer peer, RenewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            peer.RequireCluster(request.ClusterId);
            var now = time.GetUtcNow();
            RequireRenewalAge(peer, now);
            var publicKey = CsrReader.ReadPublicKey(request.CsrDer.Span);
            // Checked before signing, so a repeated renewal costs a read, not a signature and a row.
            if (await store.FindCertificateAsync(peer.Serial, cancellationToken).ConfigureAwait(false) is { RenewedAs: not null } renewed)
            {
                return await RepeatedRenewalAsync(peer, renewed, publicKey, cancellationToken).ConfigureAwait(false);
            }
            using var certificate = Issue(peer.Cluster, publicKey, now, out var record);
            switch (await store.RecordRenewalAsync(peer.Serial, record, now, cancellationToken).ConfigureAwait(false))
            {
                case RenewalOutcome.ClusterRevoked:
                    throw new IdentityException(IdentityError.ClusterRevoked,
                        $"cluster '{peer.Cluster}' was revoked; enrol again with a new bootstrap token");
                case RenewalOutcome.AlreadyRenewed:
                    // A concurrent renewal of the same certificate won; answer as if this one had come second.
                    var winner = await store.FindCertificateAsync(peer.Serial, cancellationToken).ConfigureAwait(false);
                    return await RepeatedRenewalAsync(peer, winner!, publicKey, cancellationToken).ConfigureAwait(false);
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

    private static void RequireRenewalAge(AgentPeer peer, DateTimeOffset now)
    {
        var earliest = peer.NotBefore + ((peer.NotAfter - peer.NotBefore) * MinRenewalAgeFraction);
        if (now < earliest)
        {
            throw new IdentityException(IdentityError.RenewalTooEarly,
                $"certificate {peer.Serial} of cluster '{peer.Cluster}' can be renewed from {earliest:u} on");
        }
    }

    // The certificate issued for the same public key is returned as is: no new signature, no new row. Another key gets
    // nothing, since a certificate for a key the agent no longer holds is useless to it and a new one would be a second
    // renewal.
    private async Task<RenewResponse> RepeatedRenewalAsync(
        AgentPeer peer, IssuedCertificateRecord renewed, PublicKey publicKey, CancellationToken cancellationToken)
    {
        var issued = renewed.RenewedAs is { } serial
            ? await store.FindCertificateAsync(serial, cancellationToken).ConfigureAwait(false)
            : null;
        if (issued?.CertificateDer is { } der)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            if (certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo()))
            {
                LogRenewalRepeated(logger, peer.Cluster.Value, peer.Serial, issued.Serial);
                return new RenewResponse { Certificate = ToMessage(certificate) };
            }
        }
        throw new IdentityException(IdentityError.AlreadyRenewed,
            $"certificate {peer.Serial} of cluster '{peer.Cluster}' was already renewed at {renewed.RenewedAt:u} as " +
            $"{renewed.RenewedAs}, for another key; a certificate is renewed once: use the certificate issued then " +
            "(renewing again with the same key returns it), or enrol again with a new bootstrap token");
    }
}
