namespace Edgeplane.Hub.Identity;

/// <summary>What <see cref="IIdentityStore.RecordRenewalAsync"/> did.</summary>
internal enum RenewalOutcome
{
    /// <summary>The new certificate is recorded and the old one marked renewed as it.</summary>
    Recorded,

    /// <summary>The cluster is revoked (or unknown): nothing changed.</summary>
    ClusterRevoked,

    /// <summary>The old certificate was renewed already (by a concurrent or earlier call): nothing changed.</summary>
    AlreadyRenewed,
}
