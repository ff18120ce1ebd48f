using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Persistence port for identity: bootstrap tokens, issued certificates and cluster revocation. Every method is one
/// atomic transaction; implementations must give the guarantees written on each method (docs/security.md, "Store").
/// </summary>
internal interface IIdentityStore
{
    /// <summary>Adds a new token; the id is unique (a duplicate id throws).</summary>
    Task AddTokenAsync(BootstrapTokenRecord token, CancellationToken cancellationToken);

    /// <summary>The token with this exact id, or null.</summary>
    Task<BootstrapTokenRecord?> FindTokenAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: if token <paramref name="tokenId"/> exists, is unused, expires after <paramref name="now"/> and is
    /// bound to <paramref name="certificate"/>'s cluster, marks it used at <paramref name="now"/>, records the
    /// certificate, and sets the cluster enrolled at <paramref name="now"/> and not revoked (earlier certificates
    /// stay revoked). Returns false and changes nothing otherwise. Two concurrent calls for one token: exactly one wins.
    /// </summary>
    Task<bool> CompleteEnrollmentAsync(
        string tokenId, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically, if the certificate's cluster exists and is not revoked and certificate <paramref name="renewedSerial"/>
    /// was not renewed yet: marks it renewed as <paramref name="certificate"/> at <paramref name="now"/> and records the
    /// new certificate. Otherwise changes nothing and says why, so a renewal racing a revocation never leaves a valid
    /// certificate behind, and of concurrent renewals of one certificate exactly one is recorded.
    /// </summary>
    Task<RenewalOutcome> RecordRenewalAsync(
        string renewedSerial, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The issued certificate with this serial (uppercase hex), or null.</summary>
    Task<IssuedCertificateRecord?> FindCertificateAsync(string serial, CancellationToken cancellationToken);

    /// <summary>The identity record of a cluster, or null if it never enrolled and was never revoked.</summary>
    Task<ClusterIdentityRecord?> FindClusterAsync(ClusterId cluster, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically marks the cluster revoked (creating its record if needed), revokes every certificate of the cluster
    /// not yet revoked, and marks every unused token bound to it as used, all at <paramref name="now"/>. Returns the
    /// counts; <see cref="ClusterRevocation.ConnectionsDropped"/> is left 0 for the caller to fill.
    /// </summary>
    Task<ClusterRevocation> RevokeClusterAsync(
        ClusterId cluster, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}
