using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary><c>replicas</c>: sets <c>spec.replicas</c> of the Deployments, ReplicationControllers, ReplicaSets and StatefulSets with that name.</summary>
internal static class ReplicaTransformer
{
    public static void Apply(ResourceList list, ReplicaSpec replica)
    {
        var found = false;
        foreach (var spec in DefaultFieldSpecs.Replicas)
        {
            foreach (var resource in list.MatchingAnyId(id => id.Name == replica.Name && id.Gvk.IsSelectedBy(spec.Selector)))
            {
                found = true;
                FieldSpecWalker.Walk(resource, spec, () => JsonValue.Create(replica.Count), (parent, key) => parent[key] = replica.Count);
            }
        }
        if (!found)
        {
            throw KustomizeException.At(replica.At, "ReplicasTargetNotFound",
                $"replicas: no Deployment, ReplicationController, ReplicaSet or StatefulSet is named '{replica.Name}'");
        }
    }
}
