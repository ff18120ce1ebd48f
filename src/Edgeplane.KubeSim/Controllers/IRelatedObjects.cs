using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// A controller whose objects depend on objects of other kinds (a Cluster API Cluster on its control plane, a
/// ClusterResourceSet on its ConfigMaps): a change to one of those reconciles the objects that depend on it.
/// </summary>
internal interface IRelatedObjects
{
    /// <summary>Whether a change of <paramref name="type"/> in <paramref name="cluster"/> may concern this controller's objects. Runs inside every write: keep it cheap.</summary>
    bool Watches(VirtualCluster cluster, ResourceType type);

    /// <summary>The objects of this controller to reconcile after the object <paramref name="ns"/>/<paramref name="name"/> of <paramref name="type"/> changed or was deleted.</summary>
    IEnumerable<ObjectTarget> Related(VirtualCluster cluster, ResourceType type, string? ns, string name);
}
