using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ControllerRunner
{
    /// <summary>Background cascading deletion: dependents of a deleted owner are deleted in turn.</summary>
    private static void CollectGarbage(VirtualCluster cluster, string ownerUid)
    {
        if (ownerUid.Length == 0)
        {
            return;
        }
        List<(ResourceKey Resource, Storage.StoredObject Object)> dependents;
        lock (cluster.Sync)
        {
            dependents = cluster.Dependents(ownerUid).ToList();
        }
        foreach (var (resource, dependent) in dependents)
        {
            if (cluster.Catalog.AnyVersion(resource) is { } type)
            {
                DeleteQuietly(cluster, new ObjectTarget(type, dependent.Namespace, dependent.Name));
            }
        }
    }

    /// <summary>The namespace controller: deletes a terminating namespace's contents, then the namespace once empty.</summary>
    private static void FinalizeNamespace(VirtualCluster cluster, string ns)
    {
        var nsType = ResourceCatalog.Builtin.FindKind("", "Namespace")!;
        var stored = cluster.Find(nsType.Key, null, ns);
        if (stored is null || !JsonUtil.ParseObject(stored.Json).IsDeleting())
        {
            return;
        }
        List<(ResourceKey Resource, Storage.StoredObject Object)> contents;
        lock (cluster.Sync)
        {
            contents = cluster.Snapshot().Where(o => o.Object.Namespace == ns).ToList();
            if (contents.Count == 0)
            {
                var current = cluster.Find(nsType.Key, null, ns);
                if (current is not null)
                {
                    cluster.CommitDelete(nsType, current, JsonUtil.ParseObject(current.Json));
                }
                return;
            }
        }
        foreach (var (resource, obj) in contents)
        {
            if (cluster.Catalog.AnyVersion(resource) is { Namespaced: true } type)
            {
                DeleteQuietly(cluster, new ObjectTarget(type, ns, obj.Name));
            }
        }
    }

    private static void DeleteQuietly(VirtualCluster cluster, ObjectTarget target)
    {
        try
        {
            cluster.Delete(target, DeleteOptions.Background);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            // Already gone.
        }
    }
}
