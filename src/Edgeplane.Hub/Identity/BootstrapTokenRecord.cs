using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>A stored bootstrap token: only the sha256 of its secret is kept.</summary>
internal sealed record BootstrapTokenRecord(
    string Id,
    byte[] SecretHash,
    ClusterId Cluster,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>When the token was consumed by an enrolment (or invalidated by a revocation); null while unused.</summary>
    public DateTimeOffset? UsedAt { get; init; }
}
