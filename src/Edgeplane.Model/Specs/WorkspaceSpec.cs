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
    PodSecurityLevel PodSecurity = PodSecurityLevel.Baseline);
