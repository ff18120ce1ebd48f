using Edgeplane.Kubernetes.Inventory;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>How <see cref="BundleApplier"/> applies, waits and prunes. Every limit is explicit.</summary>
public sealed record ApplierOptions
{
    /// <summary>What to do when another field manager owns a field the bundle sets (default: take it over).</summary>
    public ConflictPolicy Conflicts { get; init; } = ConflictPolicy.Force;

    /// <summary>Longest wait for the bundle's CustomResourceDefinitions to become Established.</summary>
    public TimeSpan EstablishTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an Established wait looks again.</summary>
    public TimeSpan EstablishPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Longest wait, within one apply, for a Cluster API control plane to be Current before the worker pools that follow it
    /// are written; past it they are deferred to a later apply (<see cref="ApplyDeferral"/>). Zero: look once. Short on
    /// purpose: a real upgrade takes minutes, and the agent applies again as soon as the control plane is Current, so a
    /// long wait would only hold the apply (and, in <c>edgeplane up</c>, the shared reconcile gate).
    /// </summary>
    public TimeSpan ControlPlaneWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the control-plane wait looks again.</summary>
    public TimeSpan ControlPlanePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Objects of one stage diffed (read + dry-run) at the same time; writes are always in bundle order.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Most objects in one bundle.</summary>
    public int MaxObjects { get; init; } = 5_000;

    /// <summary>Where and how the bundle's inventory is kept in the cluster.</summary>
    public InventoryOptions Inventory { get; init; } = new();
}
