using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Schema;

/// <summary>What KubeSim knows of a kind's schema: list merge semantics and which fields exist.</summary>
internal abstract class ResourceSchema
{
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ];

    /// <summary>Merge semantics of the list at a path of field names, e.g. spec, template, spec, containers.</summary>
    public ListSemantics ListAt(IReadOnlyList<string> path)
    {
        if (path.Count == 2 && path[0] == "metadata")
        {
            return path[1] switch
            {
                "finalizers" => new ListSemantics(ListKind.Set, [], null, PatchMergePrimitives: true),
                "ownerReferences" => ListSemantics.MapBy("uid"),
                _ => ListSemantics.Atomic,
            };
        }
        return path.Count > 0 && path[0] == "metadata" ? ListSemantics.Atomic : ListAtCore(path);
    }

    /// <summary>Finds fields the schema does not declare; removes them when <paramref name="prune"/> is set.</summary>
    /// <returns>Paths of unknown fields, e.g. <c>spec.foo</c>.</returns>
    public List<string> FindUnknownFields(JsonObject obj, bool prune)
    {
        var unknown = new List<string>();
        if (obj["metadata"] is JsonObject meta)
        {
            foreach (var name in meta.Select(p => p.Key).Where(k => !ObjectMetaFields.Contains(k)).ToList())
            {
                unknown.Add("metadata." + name);
                if (prune)
                {
                    meta.Remove(name);
                }
            }
        }
        FindUnknownCore(obj, unknown, prune);
        return unknown;
    }

    protected abstract ListSemantics ListAtCore(IReadOnlyList<string> path);

    protected abstract void FindUnknownCore(JsonObject obj, List<string> unknown, bool prune);
}
