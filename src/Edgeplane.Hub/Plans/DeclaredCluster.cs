using Edgeplane.Model.Validation;

namespace Edgeplane.Hub.Plans;

/// <summary>A cluster as the fleet repo declares it at one revision.</summary>
internal sealed record DeclaredCluster(
    string Name,
    string Layer,
    string? Region,
    string? Site,
    string? Provider,
    string? KubernetesVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Capabilities)
{
    /// <summary>Add-on versions and <c>kubernetes</c> (name → version) at this revision, for a rollout's "what changed".</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The cluster's <c>kubernetesUpgrade.allowDowngrade</c> at this revision.</summary>
    public bool AllowKubernetesDowngrade { get; init; }

    /// <summary>Where <see cref="KubernetesVersion"/> is written, so a refused version change names the line to fix.</summary>
    public KubernetesVersionOrigin? KubernetesVersionOrigin { get; init; }

    /// <summary>How a management cluster creates it through Cluster API; null for a cluster that exists already.</summary>
    public Edgeplane.Rendering.ClusterProvisioning? Provisioning { get; init; }
}
