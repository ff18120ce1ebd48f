namespace Edgeplane.Hub.Store.Entities;

/// <summary>One wave of a rollout run, with its pacing resolved to numbers when the run was created.</summary>
internal sealed class RolloutWaveRecord
{
    public long RolloutId { get; set; }

    public int Index { get; set; }

    public required string Name { get; set; }

    /// <summary>A <c>WaveState</c> name.</summary>
    public required string State { get; set; }

    public int MaxUnavailable { get; set; }

    public TimeSpan SoakTime { get; set; }

    public DateTime? StartedAt { get; set; }

    /// <summary>When the soak that began once the wave passed its gates ends.</summary>
    public DateTime? SoakUntil { get; set; }

    public DateTime? FinishedAt { get; set; }
}
