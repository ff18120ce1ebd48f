using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Microsoft.Extensions.Logging;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Cluster API's Cluster controller (cluster.x-k8s.io Cluster, v1beta2 or v1beta1) together with the infrastructure
/// provider of the object its <c>infrastructureRef</c> names: it adds the <c>cluster.cluster.x-k8s.io</c> finalizer,
/// provisions the infrastructure <see cref="ClusterApiDelays.Provision"/> after the Cluster's creation (or fails it, by
/// fault), mirrors the control plane that <see cref="ClusterApiControlPlaneController"/> initializes, and reports the
/// upstream v1beta2 status: phase, initialization, conditions. Deleting a Cluster removes its workload cluster after
/// <see cref="ClusterApiDelays.Delete"/> (<c>ClusterApiClusterController.Deletion.cs</c>).
/// </summary>
internal sealed partial class ClusterApiClusterController(ILogger logger) : IKindController, IRelatedObjects
{
    public bool Handles(ResourceType type) => IsCluster(type);

    /// <summary>Each step keeps its own time (<see cref="KubeSimOptions.ClusterApiDelays"/>).</summary>
    public TimeSpan Delay(KubeSimDelays delays) => TimeSpan.Zero;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (context.Object.IsDeleting())
        {
            return ReconcileDelete(context);
        }
        if (AddFinalizer(context.Cluster, context.Type, context.Object, ClusterFinalizer))
        {
            return null; // the write reconciles the Cluster again, as Cluster API returns after adding it
        }
        var infrastructure = Infrastructure(context);
        var controlPlane = ControlPlane(context);
        context.WriteStatus(Manager, current => Status(current, infrastructure, controlPlane, context));
        return infrastructure.DueIn;
    }

    /// <summary>A change to a provider's object (a control plane or infrastructure) concerns the Clusters referencing it.</summary>
    public bool Watches(VirtualCluster cluster, ResourceType type) => IsProviderKind(type);

    public IEnumerable<ObjectTarget> Related(VirtualCluster cluster, ResourceType type, string? ns, string name)
    {
        if (cluster.Catalog.FindKind(CoreGroup, "Cluster") is not { } clusterType)
        {
            return [];
        }
        return ClustersIn(cluster, ns)
            .Where(c => InfrastructureRef(c)?.Names(type, name) == true || ControlPlaneRef(c)?.Names(type, name) == true)
            .Select(c => new ObjectTarget(clusterType, ns, c.Name()));
    }
}
