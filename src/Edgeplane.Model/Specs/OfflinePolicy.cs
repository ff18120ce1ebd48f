namespace Edgeplane.Model.Specs;

/// <summary>What a rollout wave does with members whose agent the hub cannot hear (docs/rollouts.md, "Offline clusters").</summary>
public enum OfflinePolicy
{
    /// <summary>The wave waits for them until the gate's timeout, then counts them as failed.</summary>
    Wait,

    /// <summary>The wave leaves them behind; they keep their new target and are checked when they come back.</summary>
    Skip,
}
