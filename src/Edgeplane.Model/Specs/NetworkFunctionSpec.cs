namespace Edgeplane.Model.Specs;

/// <summary>A CNF or VNF described once, rendered to a Deployment/StatefulSet or a KubeVirt VirtualMachine.</summary>
/// <param name="Workspace">Owning workspace.</param>
/// <param name="Type">CNF or VNF.</param>
/// <param name="Version">Version, available as <c>${this.version}</c>.</param>
/// <param name="Namespace">Namespace of its objects; must be owned by the workspace.</param>
/// <param name="Placement">Clusters it lands on.</param>
/// <param name="DependsOn">Units applied first.</param>
/// <param name="Networks">Extra Multus networks.</param>
/// <param name="Ports">Ports exposed through a Service.</param>
/// <param name="Cnf">Container settings (type CNF).</param>
/// <param name="Vnf">Virtual machine settings (type VNF).</param>
/// <param name="Variables">Variables for its fields, over the cluster's.</param>
/// <param name="Overrides">Per-target variables.</param>
public sealed record NetworkFunctionSpec(
    string Workspace,
    NetworkFunctionType Type,
    string? Version,
    string Namespace,
    PlacementSpec Placement,
    IReadOnlyList<ResourceRef> DependsOn,
    IReadOnlyList<NetworkSpec> Networks,
    IReadOnlyList<PortSpec> Ports,
    CnfSpec? Cnf,
    VnfSpec? Vnf,
    IReadOnlyDictionary<string, VariableValue> Variables,
    IReadOnlyList<OverrideSpec> Overrides);
