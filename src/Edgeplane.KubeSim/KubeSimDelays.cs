namespace Edgeplane.KubeSim;

/// <summary>
/// How long each simulated controller waits before it reports an object ready (all immediate by default). The
/// Cluster API simulation has its own steps: <see cref="KubeSimOptions.ClusterApiDelays"/>.
/// </summary>
public sealed record KubeSimDelays
{
    /// <summary>Deployments, StatefulSets, DaemonSets and ReplicaSets become available after this.</summary>
    public TimeSpan Rollout { get; init; }

    /// <summary>Jobs complete after this.</summary>
    public TimeSpan Job { get; init; }

    /// <summary>PersistentVolumeClaims become Bound after this.</summary>
    public TimeSpan VolumeBinding { get; init; }

    /// <summary>KubeVirt VirtualMachines get a running instance and Ready=True after this.</summary>
    public TimeSpan VirtualMachine { get; init; }

    /// <summary>Flux HelmReleases and Kustomizations become Ready after this.</summary>
    public TimeSpan Flux { get; init; }

    /// <summary>Each batch of a system-upgrade-controller Plan (spec.concurrency nodes) is upgraded after this.</summary>
    public TimeSpan UpgradePlan { get; init; }

    /// <summary>A CRD gets NamesAccepted and Established after this (its kinds are served at once).</summary>
    public TimeSpan CrdEstablished { get; init; }

    /// <summary>Every delay set to <paramref name="delay"/>; handy for demos that should look like a real cluster.</summary>
    public static KubeSimDelays All(TimeSpan delay) => new()
    {
        Rollout = delay,
        Job = delay,
        VolumeBinding = delay,
        VirtualMachine = delay,
        Flux = delay,
        UpgradePlan = delay,
        CrdEstablished = delay,
    };
}
