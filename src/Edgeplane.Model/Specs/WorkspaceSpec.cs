namespace Edgeplane.Model.Specs;

/// <summary>A team: its members, the namespaces it owns, the kinds it may create and the clusters it may target.</summary>
/// <param name="Description">Free text.</param>
/// <param name="Members">People or groups and their roles.</param>
/// <param name="Namespaces">Namespaces owned by the workspace; no other workspace may own them.</param>
/// <param name="AllowedKinds">Kinds its applications may render.</param>
/// <param name="Targets">Clusters its applications may land on.</param>
/// <param name="PodSecurity">The Pod Security Standard enforced on its namespaces (default <see cref="PodSecurityLevel.Baseline"/>).</param>
public sealed record WorkspaceSpec(
    string? Description,
    IReadOnlyList<WorkspaceMemberSpec> Members,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<KindPattern> AllowedKinds,
    PlacementSpec Targets,
    PodSecurityLevel PodSecurity = PodSecurityLevel.Baseline)
{
    /// <summary>The ClusterRoles a workspace's RoleBindings may bind when it lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultClusterRoles = ["view", "edit"];

    /// <summary><c>quota</c>: a ResourceQuota's <c>hard</c> map (resource → quantity) for each owned namespace; empty for none.</summary>
    public IReadOnlyDictionary<string, string> Quota { get; init; } = new Dictionary<string, string>();

    /// <summary><c>limitRange</c>: container defaults and maximum for each owned namespace; null for none.</summary>
    public WorkspaceLimitRangeSpec? LimitRange { get; init; }

    /// <summary><c>network.allowFrom</c>: other workspaces and namespaces whose pods may reach this workspace's pods.</summary>
    public IReadOnlyList<WorkspacePeerSpec> AllowFrom { get; init; } = [];

    /// <summary><c>allowedClusterRoles</c>: the ClusterRoles its RoleBindings may bind (default view, edit); never cluster-admin.</summary>
    public IReadOnlyList<string> AllowedClusterRoles { get; init; } = DefaultClusterRoles;

    /// <summary><c>allowedCapabilities</c>: Linux capabilities its containers may add beyond the Pod Security baseline list.</summary>
    public IReadOnlyList<string> AllowedCapabilities { get; init; } = [];
}
