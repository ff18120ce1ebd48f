using System.Collections.Immutable;

namespace Edgeplane.KubeSim.Faults;

public sealed partial class ClusterFaults
{
    /// <summary>What a provisioning failure says when the rule gives no message.</summary>
    public const string DefaultProvisioningFailure = "the infrastructure provider failed to create the cluster's infrastructure";

    private ImmutableDictionary<string, string> _provisioningFailures = ImmutableDictionary<string, string>.Empty;
    private ImmutableHashSet<string> _neverReadyControlPlanes = ImmutableHashSet<string>.Empty;

    /// <summary>Cluster API Clusters (<c>name</c> or <c>namespace/name</c>) whose provisioning fails, with the message reported.</summary>
    public IReadOnlyDictionary<string, string> ProvisioningFailures => _provisioningFailures;

    /// <summary>Cluster API Clusters (<c>name</c> or <c>namespace/name</c>) whose control plane never becomes ready.</summary>
    public IReadOnlySet<string> NeverReadyControlPlanes => _neverReadyControlPlanes;

    /// <summary>
    /// The Cluster API Cluster <paramref name="cluster"/> (<c>name</c> or <c>namespace/name</c>) of this management
    /// cluster fails to provision: once its provisioning delay has passed, its infrastructure reports the failure and the
    /// Cluster goes to phase Failed. A Cluster whose infrastructure is already provisioned is not affected.
    /// Removing the rule lets provisioning continue.
    /// </summary>
    public void FailProvisioning(string cluster, string? message = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        var text = string.IsNullOrWhiteSpace(message) ? DefaultProvisioningFailure : message;
        Change(() => ImmutableInterlocked.Update(ref _provisioningFailures, rules => rules.SetItem(cluster, text)));
    }

    /// <summary>Removes a <see cref="FailProvisioning"/> rule.</summary>
    public void AllowProvisioning(string cluster) =>
        Change(() => ImmutableInterlocked.Update(ref _provisioningFailures, rules => rules.Remove(cluster)));

    /// <summary>
    /// The control plane of the Cluster API Cluster <paramref name="cluster"/> (<c>name</c> or <c>namespace/name</c>)
    /// never becomes ready: it is never initialized (the Cluster stays Provisioning, no workload cluster is created),
    /// and an initialized one never finishes a version rollout.
    /// </summary>
    public void NeverReadyControlPlane(string cluster)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        Change(() => ImmutableInterlocked.Update(ref _neverReadyControlPlanes, rules => rules.Add(cluster)));
    }

    /// <summary>Removes a <see cref="NeverReadyControlPlane"/> rule.</summary>
    public void AllowControlPlane(string cluster) =>
        Change(() => ImmutableInterlocked.Update(ref _neverReadyControlPlanes, rules => rules.Remove(cluster)));

    /// <summary>The failure message when a rule says this Cluster's provisioning fails, else null.</summary>
    internal string? ProvisioningFailure(string? ns, string name)
    {
        var rules = _provisioningFailures;
        return rules.GetValueOrDefault(name) ?? (ns is null ? null : rules.GetValueOrDefault($"{ns}/{name}"));
    }

    internal bool IsControlPlaneNeverReady(string? ns, string name) => Names(_neverReadyControlPlanes, ns, name);
}
