using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Prune;

/// <summary>
/// Lists every object of the kind a live CustomResourceDefinition defines — across all namespaces or cluster-wide, as
/// its scope says — and counts those that deleting the CRD would take with it and that are not this bundle's to lose.
/// Ignored: objects being pruned now (candidates whose live labels say they are this bundle's) and objects already
/// being deleted. Dependents (ownerReferences) count: their owner may well not be Edgeplane's.
/// </summary>
internal sealed class CrdInstances(ClusterConnection connection, string cluster, string bundle)
{
    /// <summary>The block, or null when nothing but this bundle's own pruned objects is left.</summary>
    public async Task<PruneBlock?> FindForeignAsync(ObjectRef crdRef, JsonObject crd, IReadOnlySet<ObjectRef> pruning,
        CancellationToken cancellationToken)
    {
        var type = MappingOf(crd);
        if (type is null)
        {
            return null;
        }
        var count = 0;
        var named = new List<string>();
        string? continueToken = null;
        do
        {
            var (items, next) = await connection.Api.ListAsync(type, null, null, connection.Options.ListPageSize, continueToken,
                cancellationToken).ConfigureAwait(false);
            foreach (var item in items.OfType<JsonObject>().Where(item => IsForeign(item, type, pruning)))
            {
                count++;
                if (named.Count < PruneBlock.MaxNamed)
                {
                    named.Add(ObjectJson.Namespace(item) is { } ns ? $"{ns}/{ObjectJson.Name(item)}" : ObjectJson.Name(item));
                }
            }
            continueToken = next;
        }
        while (continueToken is not null);
        return count == 0 ? null : new PruneBlock(crdRef, type.Kind, count, named);
    }

    private bool IsForeign(JsonObject item, ResourceMapping type, IReadOnlySet<ObjectRef> pruning)
    {
        if (ObjectJson.IsDeleting(item))
        {
            return false;
        }
        var obj = new ObjectRef(type.Group, type.Kind, type.Namespaced ? ObjectJson.Namespace(item) : null, ObjectJson.Name(item));
        return Pruner.Retains(item) || !(pruning.Contains(obj) && Pruner.OwnedBy(item, cluster, bundle));
    }

    /// <summary>
    /// The CRD's kind in its storage version (else its first), or null when the CRD names no kind. A version that is not
    /// served makes the list fail, which keeps the CRD (a failed prune stays tracked): never guess that nothing is there.
    /// </summary>
    internal static ResourceMapping? MappingOf(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var names = ObjectJson.Path(spec, "names");
        var group = ObjectJson.Str(spec, "group");
        var kind = ObjectJson.Str(names, "kind");
        var plural = ObjectJson.Str(names, "plural");
        var versions = (spec?["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var version = versions.FirstOrDefault(v => ObjectJson.Bool(v, "storage") == true) ?? versions.FirstOrDefault();
        var versionName = ObjectJson.Str(version, "name");
        if (group is null || kind is null || plural is null || versionName is null)
        {
            return null;
        }
        return new ResourceMapping(group, versionName, kind, plural, ObjectJson.Str(spec, "scope") != "Cluster");
    }
}
