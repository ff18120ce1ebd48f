namespace Edgeplane.Model.Specs;

/// <summary>
/// What happens to a provisioned cluster's real infrastructure when its Cluster leaves Git; written as
/// <c>Retain</c> or <c>Delete</c> in <c>spec.provisioning.deletionPolicy</c>.
/// </summary>
public enum DeletionPolicy
{
    /// <summary>Keep the cluster: its Cluster API objects stay in the management cluster (the default).</summary>
    Retain,
    /// <summary>Delete the cluster's Cluster API objects, and so the cluster, once the removal is approved.</summary>
    Delete,
}
