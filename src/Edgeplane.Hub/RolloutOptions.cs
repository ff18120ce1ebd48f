namespace Edgeplane.Hub;

/// <summary>How the hub's rollout engine paces itself (docs/rollouts.md, "Engine").</summary>
public sealed record RolloutOptions
{
    /// <summary>How often the leader steps every active run (a new run or a control action also wakes it). Default 1 s.</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a member may take to become healthy when the policy has no health gate. Default 10 min.</summary>
    public TimeSpan DefaultHealthTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Under <c>offline: skip</c>, how long a moved member's link must have been down before it is left behind (a hub
    /// restart or a brief reconnect does not skip anyone). Default 60 s.
    /// </summary>
    public TimeSpan OfflineGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a hub that does not lead tries to take the lead (PostgreSQL). Default 5 s.</summary>
    public TimeSpan LeaderRetry { get; init; } = TimeSpan.FromSeconds(5);
}
