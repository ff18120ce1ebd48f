using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering;

/// <summary>
/// A cluster as it stands after inheritance (fleet → layer → region → site → cluster, nearest wins): what a registry
/// or a UI shows about it, without rendering its bundle.
/// </summary>
/// <param name="Name">Cluster name.</param>
/// <param name="Layer">Layer the cluster belongs to.</param>
/// <param name="Region">Region the cluster belongs to.</param>
/// <param name="Site">Site, or null for clusters that are not at a site.</param>
/// <param name="Provider">Backend provider in lower case, e.g. <c>eks</c>, <c>k3s</c>.</param>
/// <param name="KubernetesVersion">Desired Kubernetes version (nearest scope that sets one; empty when none does).</param>
/// <param name="Labels">Inherited labels plus <c>edgeplane.dev/layer|region|site|provider</c>.</param>
/// <param name="Capabilities">Declared capabilities plus those the enabled add-ons provide, sorted.</param>
public sealed record EffectiveCluster(string Name, string Layer, string Region, string? Site, string Provider,
    string KubernetesVersion, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Capabilities)
{
    /// <summary>
    /// The cluster's <c>kubernetesUpgrade.allowDowngrade</c> (nearest scope wins, default false): what the hub passes to
    /// <c>Edgeplane.Model.Validation.KubernetesSkew.Check</c> against the version it stored for the cluster.
    /// </summary>
    public bool AllowKubernetesDowngrade { get; init; }

    /// <summary>Where <see cref="KubernetesVersion"/> is written (null when no scope sets one), for errors about it.</summary>
    public KubernetesVersionOrigin? KubernetesVersionOrigin { get; init; }

    /// <summary>The version of each enabled add-on (name → version), for "what changed" in rollouts and previews.</summary>
    public IReadOnlyDictionary<string, string> AddOnVersions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How a management cluster creates this cluster through Cluster API; null for a cluster that exists already.</summary>
    public ClusterProvisioning? Provisioning { get; init; }
}

/// <summary>Where and how a cluster is provisioned through Cluster API.</summary>
/// <param name="Template">The ClusterTemplate it is made from.</param>
/// <param name="ManagementCluster">The cluster whose bundle carries its Cluster API objects.</param>
/// <param name="Namespace">Namespace of those objects in the management cluster (the template's).</param>
public sealed record ClusterProvisioning(string Template, string ManagementCluster, string Namespace)
{
    /// <summary>What taking the cluster out of Git may do to it (<c>spec.provisioning.deletionPolicy</c>).</summary>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Retain;
}
