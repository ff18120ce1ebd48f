namespace Edgeplane.Model.Specs;

/// <summary>How a cluster's Kubernetes version may move; each field inherits on its own, nearest scope wins.</summary>
/// <param name="WorkerConcurrency">Worker nodes upgraded at once (system-upgrade-controller's agent plan); null inherits, default 1.</param>
/// <param name="AllowDowngrade">A lower version than the one stored for the cluster is accepted; null inherits, default false.</param>
public sealed record KubernetesUpgradeSpec(int? WorkerConcurrency, bool? AllowDowngrade)
{
    /// <summary>A scope that sets neither field.</summary>
    public static KubernetesUpgradeSpec None { get; } = new(null, null);
}
