namespace Edgeplane.Model.Specs;

/// <summary>Provisioning of a cluster through a ClusterTemplate rendered into a management cluster's bundle.</summary>
/// <param name="Template">Name of the ClusterTemplate.</param>
/// <param name="ManagementCluster">Cluster that receives the objects; null for the Fleet's default.</param>
/// <param name="Parameters">Values for the template's parameters.</param>
public sealed record ProvisioningSpec(string Template, string? ManagementCluster, IReadOnlyDictionary<string, VariableValue> Parameters);
