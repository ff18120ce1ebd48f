namespace Edgeplane.Model.Specs;

/// <summary>Provisioning of a cluster through a ClusterTemplate rendered into a management cluster's bundle.</summary>
/// <param name="Template">Name of the ClusterTemplate.</param>
/// <param name="ManagementCluster">Cluster that receives the objects; null for the Fleet's default.</param>
/// <param name="Parameters">Values for the template's parameters.</param>
public sealed record ProvisioningSpec(string Template, string? ManagementCluster, IReadOnlyDictionary<string, VariableValue> Parameters)
{
    /// <summary>
    /// What removing the Cluster from Git does to the real cluster: <see cref="DeletionPolicy.Retain"/> (the default)
    /// keeps it; <see cref="DeletionPolicy.Delete"/> deletes it once the removal is approved.
    /// </summary>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Retain;
}
