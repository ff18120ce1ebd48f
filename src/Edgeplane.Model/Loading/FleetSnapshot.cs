using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

/// <summary>
/// An immutable, validated view of one fleet repo revision: every resource by kind, sorted by name, and the repo it
/// came from (for reading sources). Safe to share between threads.
/// </summary>
public sealed class FleetSnapshot
{
    internal FleetSnapshot(RepoFileSystem repo, FleetResource<FleetSpec> fleet, LoadedResources resources, int files)
    {
        Repo = repo;
        Fleet = fleet;
        Clusters = new(resources.Clusters);
        AddOns = new(resources.AddOns);
        Profiles = new(resources.Profiles);
        Workspaces = new(resources.Workspaces);
        Applications = new(resources.Applications);
        NetworkFunctions = new(resources.NetworkFunctions);
        Rollouts = new(resources.Rollouts);
        ClusterTemplates = new(resources.ClusterTemplates);
        FileCount = files;
    }

    /// <summary>The repo, for reading add-on and application sources (never outside the root).</summary>
    public RepoFileSystem Repo { get; }

    /// <summary>The one Fleet resource.</summary>
    public FleetResource<FleetSpec> Fleet { get; }

    /// <summary>Clusters.</summary>
    public ResourceSet<ClusterSpec> Clusters { get; }

    /// <summary>Add-ons.</summary>
    public ResourceSet<AddOnSpec> AddOns { get; }

    /// <summary>Profiles.</summary>
    public ResourceSet<ProfileSpec> Profiles { get; }

    /// <summary>Workspaces.</summary>
    public ResourceSet<WorkspaceSpec> Workspaces { get; }

    /// <summary>Applications.</summary>
    public ResourceSet<ApplicationSpec> Applications { get; }

    /// <summary>Network functions.</summary>
    public ResourceSet<NetworkFunctionSpec> NetworkFunctions { get; }

    /// <summary>Rollouts.</summary>
    public ResourceSet<RolloutSpec> Rollouts { get; }

    /// <summary>Cluster templates.</summary>
    public ResourceSet<ClusterTemplateSpec> ClusterTemplates { get; }

    /// <summary>How many YAML files were read.</summary>
    public int FileCount { get; }

    /// <summary>Resource counts by kind, in <see cref="ResourceKind"/> order.</summary>
    public IReadOnlyList<(ResourceKind Kind, int Count)> Counts =>
    [
        (ResourceKind.Fleet, 1), (ResourceKind.Cluster, Clusters.Count), (ResourceKind.AddOn, AddOns.Count),
        (ResourceKind.Profile, Profiles.Count), (ResourceKind.Workspace, Workspaces.Count), (ResourceKind.Application, Applications.Count),
        (ResourceKind.NetworkFunction, NetworkFunctions.Count), (ResourceKind.Rollout, Rollouts.Count),
        (ResourceKind.ClusterTemplate, ClusterTemplates.Count),
    ];
}
