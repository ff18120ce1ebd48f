using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiClusterController
{
    /// <summary>
    /// A deleting Cluster reports phase Deleting; <see cref="ClusterApiDelays.Delete"/> after its deletionTimestamp its
    /// MachineDeployments, MachinePools, control plane and infrastructure objects are deleted, then its workload
    /// cluster (unless it carries <c>edgeplane.dev/deletion-policy: Retain</c>, or is the management cluster itself),
    /// and the finalizer is released.
    /// </summary>
    private TimeSpan? ReconcileDelete(ControllerContext context)
    {
        var cluster = context.Object;
        if (!cluster.Finalizers().Contains(ClusterFinalizer))
        {
            return null;
        }
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        var due = (Time(cluster.At("metadata").Str("deletionTimestamp")) ?? now) + context.Cluster.Runtime.Options.ClusterApiDelays.Delete;
        context.WriteStatus(Manager, current => DeletingStatus(current, context.Now));
        if (now < due)
        {
            return due - now;
        }
        DeleteDescendants(context.Cluster, cluster);
        RemoveWorkloadCluster(context);
        RemoveFinalizer(context.Cluster, context.Type, cluster, ClusterFinalizer);
        return null;
    }

    private static JsonObject DeletingStatus(JsonObject current, string now)
    {
        var status = current["status"]?.DeepClone() as JsonObject ?? [];
        status["phase"] = "Deleting";
        var conditions = new Conditions(status["conditions"], now);
        foreach (var old in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Where(c => c.Str("type") is not ("Deleting" or "Available")))
        {
            conditions.Set(old.Str("type")!, old.Str("status") ?? "Unknown", old.Str("reason") ?? string.Empty, old.Str("message") ?? string.Empty);
        }
        conditions.Set("Available", "False", "NotAvailable", "the Cluster is being deleted");
        conditions.Set("Deleting", "True", "Deleting", "deleting the Cluster's machines, control plane, infrastructure and workload cluster (simulated by KubeSim)");
        status["conditions"] = conditions.Result;
        return status;
    }

    private static void DeleteDescendants(VirtualCluster management, JsonObject cluster)
    {
        var ns = cluster.Namespace();
        var targets = Machines(management, ns, cluster.Name()!).Select(m => new ObjectTarget(m.Type, ns, m.Object.Name())).ToList();
        foreach (var reference in new[] { ControlPlaneRef(cluster), InfrastructureRef(cluster) }.OfType<ClusterApiRef>())
        {
            if (management.Catalog.FindKind(reference.Group, reference.Kind) is { } type)
            {
                targets.Add(new ObjectTarget(type, type.Namespaced ? ns : null, reference.Name));
            }
        }
        foreach (var target in targets)
        {
            try
            {
                management.Delete(target, DeleteOptions.Background);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Already gone.
            }
        }
    }

    private void RemoveWorkloadCluster(ControllerContext context)
    {
        var cluster = context.Object;
        var name = cluster.Name()!;
        if (!ControlPlaneInitialized(cluster))
        {
            return; // no workload cluster was ever created or adopted for it
        }
        string action;
        if (name == context.Cluster.Name)
        {
            action = "kept: it is the management cluster itself";
        }
        else if (cluster.At("metadata", "annotations").Str(DeletionPolicyAnnotation) == "Retain")
        {
            action = $"kept ({DeletionPolicyAnnotation}: Retain)";
        }
        else
        {
            action = context.Cluster.Runtime.Host?.Remove(name) == true ? "removed" : "already gone";
        }
        ClusterApiLog.WorkloadDeleted(logger, cluster.Namespace(), name, context.Cluster.Name, name, action);
    }
}
