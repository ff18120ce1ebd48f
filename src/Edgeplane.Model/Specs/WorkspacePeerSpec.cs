namespace Edgeplane.Model.Specs;

/// <summary>
/// One entry of a workspace's <c>network.allowFrom</c>: the namespaces of another workspace, or one namespace by name,
/// whose pods may reach the workspace's pods, or an address range (<c>cidr</c>) outside the cluster's pods. Exactly one
/// of the three is set.
/// </summary>
/// <param name="Workspace">Another workspace, matched by the <c>edgeplane.dev/workspace</c> label of its namespaces.</param>
/// <param name="Namespace">A namespace, matched by its <c>kubernetes.io/metadata.name</c> label.</param>
/// <param name="Cidr">An address range (<c>203.0.113.0/24</c>), rendered as an <c>ipBlock</c>.</param>
public sealed record WorkspacePeerSpec(string? Workspace, string? Namespace, string? Cidr = null);
