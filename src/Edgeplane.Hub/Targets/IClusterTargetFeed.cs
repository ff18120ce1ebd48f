namespace Edgeplane.Hub.Targets;

/// <summary>
/// In-process notification of target changes, for the gateway that pushes new targets to connected agents.
/// Changes are announced after they are committed to the store; on PostgreSQL they arrive from every hub replica.
/// The feed is a hint: a subscriber that overflows (or starts late) re-reads targets from the store.
/// </summary>
internal interface IClusterTargetFeed
{
    /// <summary>Subscribes to changes from now on. Dispose the subscription to stop.</summary>
    ClusterTargetSubscription Subscribe();
}
