using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Prune;

/// <summary>
/// Looks through every listable namespaced kind for objects in a namespace that would be lost with it and are not
/// this bundle's to lose. Ignored: objects being pruned now (unless they are retained, see
/// <see cref="Pruner.Retains"/>), objects already being deleted (except Cluster API objects that still have finalizers:
/// their controllers need the namespace until their infrastructure is gone), dependents (they have ownerReferences, so
/// their owner decides), and what Kubernetes itself puts in every namespace (the "default" ServiceAccount, the
/// "kube-root-ca.crt" ConfigMap, Events, Endpoints, EndpointSlices).
/// </summary>
internal sealed class NamespaceContents(ClusterConnection connection, string cluster, string bundle)
{
    private const int MaxReported = 5;

    public async Task<List<string>> FindForeignAsync(string ns, IReadOnlySet<ObjectRef> pruning, CancellationToken cancellationToken)
    {
        var foreign = new List<string>();
        foreach (var type in await connection.Discovery.ListNamespacedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (type.Kind is "Event" or "Endpoints" or "EndpointSlice")
            {
                continue;
            }
            string? continueToken = null;
            do
            {
                var (items, next) = await connection.Api.ListAsync(type, ns, null, connection.Options.ListPageSize, continueToken,
                    cancellationToken).ConfigureAwait(false);
                foreign.AddRange(items.OfType<JsonObject>()
                    .Where(item => IsForeign(item, type.Group, type.Kind, pruning))
                    .Select(item => new ObjectRef(type.Group, type.Kind, ns, ObjectJson.Name(item)).ToString()));
                if (foreign.Count >= MaxReported)
                {
                    return foreign.Take(MaxReported).ToList();
                }
                continueToken = next;
            }
            while (continueToken is not null);
        }
        return foreign;
    }

    private bool IsForeign(JsonObject item, string group, string kind, IReadOnlySet<ObjectRef> pruning)
    {
        var name = ObjectJson.Name(item);
        if (ObjectJson.IsDeleting(item))
        {
            // A Cluster API object still finalizing (its cloud resources going) needs its namespace, credentials included.
            return group.EndsWith("cluster.x-k8s.io", StringComparison.Ordinal) && (ObjectJson.Meta(item)["finalizers"] as JsonArray)?.Count > 0;
        }
        if ((ObjectJson.Meta(item)["ownerReferences"] as JsonArray)?.Count > 0)
        {
            return false;
        }
        if (group.Length == 0 && (kind, name) is ("ServiceAccount", "default") or ("ConfigMap", "kube-root-ca.crt"))
        {
            return false;
        }
        var obj = new ObjectRef(group, kind, ObjectJson.Namespace(item), name);
        return Pruner.Retains(item) || !(pruning.Contains(obj) && Pruner.OwnedBy(item, cluster, bundle));
    }
}
