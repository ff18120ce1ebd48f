namespace Edgeplane.Hub.Rollouts;

/// <summary>Where a wave of a run stands.</summary>
internal enum WaveState
{
    Pending,
    Progressing,
    Soaking,
    Succeeded,
    Failed,

    /// <summary>The run ended before the wave finished (failed, aborted or superseded earlier).</summary>
    Cancelled,
}
