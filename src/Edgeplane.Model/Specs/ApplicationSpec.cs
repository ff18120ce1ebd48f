namespace Edgeplane.Model.Specs;

/// <summary>A workload owned by a workspace.</summary>
/// <param name="Workspace">Owning workspace.</param>
/// <param name="Version">Version, used as the chart version for Helm sources and as <c>${this.version}</c>.</param>
/// <param name="Source">Where its objects come from.</param>
/// <param name="Namespace">Default namespace of its objects; must be owned by the workspace.</param>
/// <param name="Placement">Clusters it lands on.</param>
/// <param name="DependsOn">Units applied first: <c>name</c> (an application) or <c>Kind/name</c>.</param>
/// <param name="Values">Values (Helm values, or <c>${values.x}</c> in manifests).</param>
/// <param name="Variables">Variables for its manifests, over the cluster's.</param>
/// <param name="Overrides">Per-target values and variables.</param>
public sealed record ApplicationSpec(
    string Workspace,
    string? Version,
    SourceSpec Source,
    string Namespace,
    PlacementSpec Placement,
    IReadOnlyList<ResourceRef> DependsOn,
    Values Values,
    IReadOnlyDictionary<string, VariableValue> Variables,
    IReadOnlyList<OverrideSpec> Overrides);
