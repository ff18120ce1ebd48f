namespace Edgeplane.Hub.Rollouts;

/// <summary>What became of one member of a run.</summary>
internal enum MemberState
{
    /// <summary>Not moved yet.</summary>
    Waiting,

    /// <summary>Its target moved; waiting for it to be healthy at the new digest.</summary>
    Moving,

    Healthy,
    Failed,

    /// <summary>Offline under <c>offline: skip</c>: it keeps its new target but no longer holds the wave.</summary>
    Skipped,

    /// <summary>An operator promoted the wave before it was judged.</summary>
    Promoted,

    /// <summary>The run failed and its target went back to the last good digest.</summary>
    RolledBack,

    /// <summary>The run failed but its Kubernetes version changed, which cannot be rolled back: it keeps the new target.</summary>
    Stopped,

    /// <summary>The run ended before moving it; its target is still the old digest.</summary>
    NotMoved,

    /// <summary>A newer revision took it over before this run judged it.</summary>
    Superseded,
}
