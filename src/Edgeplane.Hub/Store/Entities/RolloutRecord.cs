namespace Edgeplane.Hub.Store.Entities;

/// <summary>One rollout run: a revision moving the clusters one Rollout policy governs, wave by wave (docs/rollouts.md).</summary>
internal sealed class RolloutRecord
{
    public long Id { get; set; }

    public long RevisionId { get; set; }

    public required string Sha { get; set; }

    /// <summary>The name of the Rollout resource that governs the run.</summary>
    public required string Policy { get; set; }

    /// <summary>A <c>RolloutState</c> name.</summary>
    public required string State { get; set; }

    public string? Reason { get; set; }

    /// <summary>Gates, rollback, offline policy and windows, as the revision declared them (JSON, <c>RolloutPolicy</c>).</summary>
    public required string PolicyJson { get; set; }

    /// <summary>What the run changes, e.g. <c>["istio 1.23.2 → 1.23.3"]</c> (JSON array of strings).</summary>
    public string ChangesJson { get; set; } = "[]";

    /// <summary>Index of the wave the run is in (the number of waves once it is done).</summary>
    public int CurrentWave { get; set; }

    /// <summary>Set by <c>promote</c>; the engine consumes it on its next step.</summary>
    public bool PromoteRequested { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<RolloutWaveRecord> Waves { get; set; } = [];

    public List<RolloutMemberRecord> Members { get; set; } = [];
}
