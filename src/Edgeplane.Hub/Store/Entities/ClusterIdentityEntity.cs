namespace Edgeplane.Hub.Store.Entities;

/// <summary>
/// The identity state of one cluster (enrolled, revoked). Kept apart from <see cref="ClusterRecord"/>: a cluster can be
/// revoked, or hold a token, whether or not Git declares it.
/// </summary>
internal sealed class ClusterIdentityEntity
{
    public required string Cluster { get; set; }

    public DateTime? EnrolledAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }
}
