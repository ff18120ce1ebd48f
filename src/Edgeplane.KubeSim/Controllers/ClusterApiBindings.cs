using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// What ClusterResourceSets applied to each Cluster: <c>spec.bindings</c> of the ClusterResourceSetBinding named like
/// the Cluster (owned by it, so it goes with it). When the management cluster does not serve that kind, the same
/// list is kept in this process's memory instead (lost on restart: ApplyOnce sets then apply again, which finds the
/// objects already there).
/// </summary>
internal sealed class ClusterApiBindings
{
    private readonly ConcurrentDictionary<(VirtualCluster Cluster, string? Namespace, string Name), JsonArray> _memory = new();

    /// <summary>Whether <paramref name="cluster"/> keeps bindings in memory (its ClusterResourceSetBinding CRD is not installed).</summary>
    public static bool InMemory(VirtualCluster cluster) => BindingType(cluster) is null;

    /// <summary>A copy of what the set <paramref name="setName"/> applied to one Cluster (an empty entry when nothing yet).</summary>
    public JsonObject Read(VirtualCluster management, string? ns, string clusterName, string setName)
    {
        JsonArray bindings;
        if (BindingType(management) is not { } type)
        {
            bindings = _memory.TryGetValue((management, ns, clusterName), out var kept) ? kept : [];
        }
        else
        {
            var stored = management.Find(type.Key, ns, clusterName);
            bindings = stored is null ? [] : JsonUtil.ParseObject(stored.Json).At("spec", "bindings") as JsonArray ?? [];
        }
        return bindings.OfType<JsonObject>().FirstOrDefault(b => b.Str("clusterResourceSetName") == setName)?.DeepClone() as JsonObject
            ?? new JsonObject { ["clusterResourceSetName"] = setName, ["resources"] = new JsonArray() };
    }

    /// <summary>
    /// Stores one set's entry in the bindings of <paramref name="cluster"/> (creating its ClusterResourceSetBinding),
    /// leaving the other sets' entries as they are at that moment (sets of one Cluster reconcile concurrently).
    /// </summary>
    public void Write(VirtualCluster management, JsonObject cluster, JsonObject entry)
    {
        var (ns, name) = (cluster.Namespace(), cluster.Name()!);
        if (BindingType(management) is not { } type)
        {
            _memory.AddOrUpdate((management, ns, name), _ => With([], entry), (_, old) => With(old, entry));
            return;
        }
        management.CreateIfMissing(type, new JsonObject
        {
            ["apiVersion"] = type.GroupVersion,
            ["kind"] = type.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [ClusterNameLabel] = name },
                ["ownerReferences"] = new JsonArray(OwnerReference(cluster, controller: false)),
            },
            ["spec"] = new JsonObject { ["clusterName"] = name, ["bindings"] = new JsonArray() },
        }, Manager);
        management.Mutate(type, ns, name, Manager, binding =>
        {
            var old = binding.At("spec", "bindings") as JsonArray ?? [];
            var updated = With(old, entry);
            if (JsonUtil.DeepEquals(old, updated))
            {
                return false;
            }
            binding.Obj("spec")["bindings"] = updated;
            return true;
        });
    }

    /// <summary>Removes the entries of a deleted ClusterResourceSet from every binding of its namespace (an emptied binding goes).</summary>
    public void Release(VirtualCluster management, string? ns, string setName)
    {
        if (BindingType(management) is not { } type)
        {
            foreach (var key in _memory.Keys.Where(k => k.Cluster == management && k.Namespace == ns))
            {
                _memory.AddOrUpdate(key, [], (_, old) => Without(old, setName));
            }
            return;
        }
        foreach (var stored in management.ListAll(type.Key, ns))
        {
            var remaining = Without(JsonUtil.ParseObject(stored.Json).At("spec", "bindings") as JsonArray ?? [], setName);
            if (remaining.Count == 0)
            {
                Delete(management, new ObjectTarget(type, ns, stored.Name));
                continue;
            }
            management.Mutate(type, ns, stored.Name, Manager, binding =>
            {
                var changed = !JsonUtil.DeepEquals(binding.At("spec", "bindings"), remaining);
                binding.Obj("spec")["bindings"] = remaining.DeepClone();
                return changed;
            });
        }
    }

    /// <summary>The bindings with <paramref name="entry"/> in place of its set's old entry (or added).</summary>
    private static JsonArray With(JsonArray bindings, JsonObject entry)
    {
        var setName = entry.Str("clusterResourceSetName");
        var result = JsonUtil.ToArray(bindings.Select(b => b.Str("clusterResourceSetName") == setName ? entry.DeepClone() : b?.DeepClone()));
        if (!bindings.Any(b => b.Str("clusterResourceSetName") == setName))
        {
            result.Add(entry.DeepClone());
        }
        return result;
    }

    private static JsonArray Without(JsonArray bindings, string setName) =>
        JsonUtil.ToArray(bindings.Where(b => b.Str("clusterResourceSetName") != setName).Select(b => b?.DeepClone()));

    private static void Delete(VirtualCluster cluster, ObjectTarget target)
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

    private static ResourceType? BindingType(VirtualCluster cluster) => cluster.Catalog.FindKind(AddonsGroup, "ClusterResourceSetBinding");
}
