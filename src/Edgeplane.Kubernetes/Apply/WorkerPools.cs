using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Which control plane of the bundle each Cluster API worker pool follows: the pool's <c>spec.clusterName</c> names a
/// Cluster in its namespace, whose <c>spec.controlPlaneRef</c> names the control plane (kind and name); failing that, a
/// control plane of the namespace labelled <c>cluster.x-k8s.io/cluster-name</c> with that cluster. A pool whose control
/// plane is not in the bundle (ClusterClass topologies, where Cluster API orders the upgrade itself) follows none.
/// </summary>
internal static class WorkerPools
{
    private const string ClusterNameLabel = "cluster.x-k8s.io/cluster-name";

    /// <summary>Worker pool → its control plane, for the pools whose control plane is in <paramref name="objects"/>.</summary>
    public static Dictionary<ObjectRef, PlannedObject> ControlPlanes(IReadOnlyList<PlannedObject> objects)
    {
        var result = new Dictionary<ObjectRef, PlannedObject>();
        var planes = objects.Where(o => HealthRules.IsControlPlane(o.Ref.Group, o.Ref.Kind)).ToList();
        if (planes.Count == 0)
        {
            return result;
        }
        var clusters = objects.Where(o => o.Ref is { Group: HealthRules.ClusterApiGroup, Kind: "Cluster" })
            .ToDictionary(o => (o.Ref.Namespace, o.Ref.Name));
        foreach (var pool in objects.Where(o => HealthRules.IsWorkerPool(o.Ref.Group, o.Ref.Kind)))
        {
            var clusterName = ObjectJson.Str(ObjectJson.Path(pool.Body, "spec"), "clusterName");
            if (clusterName is not null && PlaneOf(pool.Ref.Namespace, clusterName, clusters, planes) is { } plane)
            {
                result[pool.Ref] = plane;
            }
        }
        return result;
    }

    private static PlannedObject? PlaneOf(string? ns, string clusterName, Dictionary<(string?, string), PlannedObject> clusters,
        List<PlannedObject> planes)
    {
        if (clusters.TryGetValue((ns, clusterName), out var cluster)
            && ObjectJson.Path(cluster.Body, "spec", "controlPlaneRef") is JsonObject reference
            && ObjectJson.Str(reference, "name") is { } name)
        {
            var kind = ObjectJson.Str(reference, "kind");
            var refNamespace = ObjectJson.Str(reference, "namespace") ?? ns;
            if (planes.FirstOrDefault(p => p.Ref.Name == name && p.Ref.Namespace == refNamespace && (kind is null || p.Ref.Kind == kind)) is { } named)
            {
                return named;
            }
        }
        return planes.FirstOrDefault(p => p.Ref.Namespace == ns && ObjectJson.Label(p.Body, ClusterNameLabel) == clusterName);
    }
}
