using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>The identity state of one cluster. EnrolledAt is the last successful enrolment (null if it never enrolled).</summary>
internal sealed record ClusterIdentityRecord(ClusterId Cluster, DateTimeOffset? EnrolledAt)
{
    /// <summary>When the cluster was revoked; null while it may connect.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why it was revoked (operator text).</summary>
    public string? RevocationReason { get; init; }
}
