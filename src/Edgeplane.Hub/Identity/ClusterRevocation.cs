using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>What a revocation changed.</summary>
/// <param name="Cluster">The revoked cluster.</param>
/// <param name="RevokedAt">Hub time of the revocation.</param>
/// <param name="CertificatesRevoked">Certificates of the cluster that were still valid and are now revoked.</param>
/// <param name="TokensInvalidated">Unused bootstrap tokens for the cluster that can no longer be used.</param>
/// <param name="ConnectionsDropped">Live streams on this hub process that were cancelled.</param>
internal sealed record ClusterRevocation(
    ClusterId Cluster,
    DateTimeOffset RevokedAt,
    int CertificatesRevoked,
    int TokensInvalidated,
    int ConnectionsDropped);
