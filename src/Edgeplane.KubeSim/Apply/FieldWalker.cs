using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Apply;

/// <summary>Derives field sets from objects: the fields an applied configuration sets, and what changed between two objects.</summary>
internal static class FieldWalker
{
    /// <summary>Leaves of an applied configuration, plus list items (which are owned as nodes).</summary>
    public static FieldSet FromConfig(JsonObject config, ResourceSchema schema)
    {
        var set = new FieldSet();
        WalkFields(config, [], string.Empty, set, markMaps: false, schema);
        return set;
    }

    /// <summary>Every node of a value (used for added and removed subtrees, and for creates).</summary>
    public static void AllPaths(JsonNode? node, List<string> names, string prefix, FieldSet set, ResourceSchema schema)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            if (prefix.Length > 0)
            {
                set.Add(prefix);
            }
            WalkFields(obj, names, prefix, set, markMaps: true, schema);
            return;
        }
        Walk(node, names, prefix, set, markMaps: true, schema);
    }

    /// <summary>Paths that differ between two objects: added or modified (present in <paramref name="after"/>) and removed.</summary>
    public static (FieldSet Changed, FieldSet Removed) Diff(JsonNode? before, JsonNode? after, ResourceSchema schema)
    {
        var changed = new FieldSet();
        var removed = new FieldSet();
        DiffNode(before, true, after, true, [], string.Empty, changed, removed, schema);
        return (changed, removed);
    }

    private static void WalkFields(JsonObject obj, List<string> names, string prefix, FieldSet set, bool markMaps, ResourceSchema schema)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null && !markMaps)
            {
                continue;
            }
            names.Add(name);
            var path = FieldSet.Join(prefix, FieldPaths.FieldElement(name));
            if (markMaps)
            {
                AllPaths(value, names, path, set, schema);
            }
            else
            {
                Walk(value, names, path, set, markMaps, schema);
            }
            names.RemoveAt(names.Count - 1);
        }
    }

    private static void Walk(JsonNode? node, List<string> names, string prefix, FieldSet set, bool markMaps, ResourceSchema schema)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                WalkFields(obj, names, prefix, set, markMaps, schema);
                break;
            case JsonArray list when schema.ListAt(names) is { Kind: not ListKind.Atomic } semantics:
                for (var i = 0; i < list.Count; i++)
                {
                    var itemPath = FieldSet.Join(prefix, FieldPaths.ItemElement(list[i], i, semantics));
                    set.Add(itemPath);
                    if (semantics.Kind == ListKind.Map && list[i] is JsonObject item)
                    {
                        WalkFields(item, names, itemPath, set, markMaps, schema);
                    }
                }
                break;
            default:
                set.Add(prefix);
                break;
        }
    }

    private static void DiffNode(JsonNode? a, bool hasA, JsonNode? b, bool hasB, List<string> names, string prefix,
        FieldSet changed, FieldSet removed, ResourceSchema schema)
    {
        if (!hasA || !hasB)
        {
            AllPaths(hasA ? a : b, names, prefix, hasA ? removed : changed, schema);
            return;
        }
        if (a is JsonObject oa && b is JsonObject ob && (oa.Count > 0 || ob.Count > 0))
        {
            foreach (var name in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                names.Add(name);
                DiffNode(oa[name], oa.ContainsKey(name), ob[name], ob.ContainsKey(name), names,
                    FieldSet.Join(prefix, FieldPaths.FieldElement(name)), changed, removed, schema);
                names.RemoveAt(names.Count - 1);
            }
            return;
        }
        if (a is JsonArray la && b is JsonArray lb && schema.ListAt(names) is { Kind: not ListKind.Atomic } semantics)
        {
            DiffList(la, lb, semantics, names, prefix, changed, removed, schema);
            return;
        }
        if (!JsonUtil.DeepEquals(a, b))
        {
            changed.Add(prefix);
        }
    }

    private static void DiffList(JsonArray a, JsonArray b, ListSemantics semantics, List<string> names, string prefix,
        FieldSet changed, FieldSet removed, ResourceSchema schema)
    {
        var before = Index(a, semantics);
        var after = Index(b, semantics);
        foreach (var (element, item) in after)
        {
            var path = FieldSet.Join(prefix, element);
            if (!before.TryGetValue(element, out var old))
            {
                changed.Add(path);
                if (semantics.Kind == ListKind.Map && item is JsonObject added)
                {
                    WalkFields(added, names, path, changed, markMaps: true, schema);
                }
            }
            else if (semantics.Kind == ListKind.Map)
            {
                DiffNode(old, true, item, true, names, path, changed, removed, schema);
            }
        }
        foreach (var (element, item) in before.Where(kv => !after.ContainsKey(kv.Key)))
        {
            var path = FieldSet.Join(prefix, element);
            removed.Add(path);
            if (semantics.Kind == ListKind.Map && item is JsonObject gone)
            {
                WalkFields(gone, names, path, removed, markMaps: true, schema);
            }
        }
    }

    private static Dictionary<string, JsonNode?> Index(JsonArray list, ListSemantics semantics)
    {
        var index = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            index.TryAdd(FieldPaths.ItemElement(list[i], i, semantics), list[i]);
        }
        return index;
    }
}
