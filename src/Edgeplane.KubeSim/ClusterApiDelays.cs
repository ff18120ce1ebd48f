namespace Edgeplane.KubeSim;

/// <summary>
/// How long the simulated Cluster API takes for each step of a cluster's life (see docs/kubesim.md, "Cluster API
/// simulation"). Short by default, so a demo shows the phases; tests set their own on a FakeTimeProvider.
/// </summary>
public sealed record ClusterApiDelays
{
    /// <summary>The default of every step.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(2);

    /// <summary>From the Cluster's creation until its infrastructure is provisioned.</summary>
    public TimeSpan Provision { get; init; } = DefaultDelay;

    /// <summary>From infrastructure provisioned until the control plane is initialized (the workload cluster exists).</summary>
    public TimeSpan ControlPlane { get; init; } = DefaultDelay;

    /// <summary>
    /// A version change of an initialized control plane, or of a MachineDeployment/MachinePool template, is rolled out
    /// after this (workers count from the later of their change and the control plane's last rollout).
    /// </summary>
    public TimeSpan Upgrade { get; init; } = DefaultDelay;

    /// <summary>From the Cluster's deletionTimestamp until its workload cluster is removed and the finalizer released.</summary>
    public TimeSpan Delete { get; init; } = DefaultDelay;

    /// <summary>Every step set to <paramref name="delay"/> (<see cref="TimeSpan.Zero"/>: everything at once).</summary>
    public static ClusterApiDelays All(TimeSpan delay) => new() { Provision = delay, ControlPlane = delay, Upgrade = delay, Delete = delay };
}
