namespace Edgeplane.Hub.Store.Entities;

/// <summary>One cluster of a rollout run: where its target moves from and to, and what became of it.</summary>
internal sealed class RolloutMemberRecord
{
    public long RolloutId { get; set; }

    public required string Cluster { get; set; }

    public int WaveIndex { get; set; }

    /// <summary>Order inside the wave (sha256 of the name).</summary>
    public int Position { get; set; }

    /// <summary>The target before the run.</summary>
    public required string FromDigest { get; set; }

    /// <summary>The desired digest the run moves the target to.</summary>
    public required string ToDigest { get; set; }

    /// <summary>The last good digest: what a rollback sets the target to.</summary>
    public required string RollbackDigest { get; set; }

    /// <summary>The revision that rendered <see cref="RollbackDigest"/>.</summary>
    public string? RollbackRevision { get; set; }

    public string? FromKubernetesVersion { get; set; }

    public string? ToKubernetesVersion { get; set; }

    /// <summary>A <c>MemberState</c> name.</summary>
    public required string State { get; set; }

    /// <summary>True once the member failed its gate (it stays true when it is rolled back afterwards).</summary>
    public bool Failed { get; set; }

    public DateTime? MovedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>Names of the maintenance windows that apply to the cluster (JSON array); none: it may move any time.</summary>
    public string WindowsJson { get; set; } = "[]";
}
