using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Adds a generated ConfigMap or Secret to the accumulated objects following its <c>behavior</c> (kustomize's
/// <c>appendReplaceOrMerge</c>): <c>create</c> appends and fails on an existing id; <c>merge</c> and <c>replace</c>
/// need the existing object, keep its name, namespace and bookkeeping, and merge labels and annotations (merge also
/// merges data), the generator's values winning.
/// </summary>
internal static class GeneratedResources
{
    public static void Absorb(ResourceList list, KustomizeResource generated, long bytes, SourceLocation at)
    {
        list.Grow(bytes, at);
        var id = generated.CurrentId;
        var matches = list.MatchingAnyId(id.Matches);
        if (matches.Count == 0)
        {
            matches = list.MatchingCurrentId(id.GvknEquals);
        }
        if (matches.Count > 1)
        {
            throw KustomizeException.At(at, "AmbiguousMerge",
                $"{id} could merge into any of {string.Join(", ", matches.Select(m => m.CurrentId))}");
        }
        if (matches.Count == 0)
        {
            if (generated.Behavior != GeneratorBehavior.Create)
            {
                throw KustomizeException.At(at, "MergeTargetNotFound",
                    $"{id} does not exist; behavior '{generated.Behavior.ToString().ToLowerInvariant()}' needs an existing {generated.Kind} to act on");
            }
            list.Append(generated, 0, at);
            return;
        }
        var old = matches[0];
        if (generated.Behavior == GeneratorBehavior.Create)
        {
            throw KustomizeException.At(at, "DuplicateResource", $"{id} already exists; use behavior merge or replace");
        }
        list.Replace(old, Combine(old, generated));
    }

    private static KustomizeResource Combine(KustomizeResource old, KustomizeResource generated)
    {
        var result = old.Clone();
        var node = generated.Node;
        MergeMap(node, old, "labels");
        MergeMap(node, old, "annotations");
        ObjectFields.SetMetadataString(node, "name", old.Name);
        ObjectFields.SetMetadataString(node, "namespace", old.Namespace);
        if (generated.Behavior == GeneratorBehavior.Merge)
        {
            MergeData(node, old, "data");
            MergeData(node, old, "binaryData");
        }
        result.Node = node;
        return result;
    }

    private static void MergeMap(System.Text.Json.Nodes.JsonObject node, KustomizeResource old, string field)
    {
        var merged = ObjectFields.GetMetadataMap(old.Node, field);
        foreach (var (key, value) in ObjectFields.GetMetadataMap(node, field))
        {
            merged[key] = value;
        }
        ObjectFields.SetMetadataMap(node, field, merged);
    }

    private static void MergeData(System.Text.Json.Nodes.JsonObject node, KustomizeResource old, string field)
    {
        var merged = new System.Text.Json.Nodes.JsonObject();
        foreach (var source in new[] { old.Node[field], node[field] })
        {
            if (source is System.Text.Json.Nodes.JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }
        if (merged.Count > 0)
        {
            node[field] = merged;
        }
        else
        {
            node.Remove(field);
        }
    }
}
