namespace Edgeplane.Agent.Reconcile;

/// <summary>Why a reconcile pass runs. Pending triggers are merged: a pass sees all that arrived since the last one.</summary>
[Flags]
internal enum ReconcileTrigger
{
    None = 0,

    /// <summary>The agent started.</summary>
    Startup = 1,

    /// <summary>The hub sent a new target.</summary>
    Target = 2,

    /// <summary>The periodic drift check is due.</summary>
    Drift = 4,

    /// <summary>Objects were not Current yet; look again.</summary>
    Health = 8,

    /// <summary>An earlier pass failed; its back-off is over.</summary>
    Retry = 16,
}
