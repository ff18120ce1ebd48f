namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Where a rollout run stands (docs/rollouts.md).</summary>
public enum RolloutState
{
    /// <summary>Created with its revision; the engine has not taken its first step.</summary>
    Pending,

    /// <summary>Moving clusters, waiting for health, or soaking.</summary>
    Progressing,

    /// <summary>Paused by an operator: nothing moves until it is resumed.</summary>
    Paused,

    /// <summary>Every member left in the current wave lies outside its maintenance windows.</summary>
    WaitingForWindow,

    /// <summary>Every wave passed.</summary>
    Succeeded,

    /// <summary>A gate failed and automatic rollback is off: moved clusters keep the new bundle, the rest are held.</summary>
    Failed,

    /// <summary>A gate failed and every moved cluster went back to its last good bundle.</summary>
    RolledBack,

    /// <summary>Stopped by an operator where it stood.</summary>
    Aborted,

    /// <summary>A newer revision took over its clusters.</summary>
    Superseded,
}
