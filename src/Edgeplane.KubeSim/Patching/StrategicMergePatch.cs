using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: like a merge patch, but lists with a patch merge key
/// (containers by name, ports by containerPort, …) merge item by item, and the directives
/// <c>$patch: replace|delete</c>, <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/…</c> are honoured.
/// <c>$setElementOrder/…</c> is accepted and ignored (order is not reshuffled).
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitivePrefix = "$deleteFromPrimitiveList/";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, ResourceSchema schema) =>
        MergeNode(target, patch, [], schema);

    private static JsonNode? MergeNode(JsonNode? target, JsonNode? patch, List<string> names, ResourceSchema schema)
    {
        if (patch is not JsonObject patchObj)
        {
            return patch?.DeepClone();
        }
        switch (patchObj["$patch"]?.GetValue<string>())
        {
            case "replace":
                return WithoutDirectives(patchObj);
            case "delete":
                return null;
        }
        var result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObj)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }
            names.Add(name);
            MergeField(result, name, value, names, schema);
            names.RemoveAt(names.Count - 1);
        }
        ApplyDirectives(result, patchObj);
        return result;
    }

    private static void MergeField(JsonObject result, string name, JsonNode? value, List<string> names, ResourceSchema schema)
    {
        if (value is null)
        {
            result.Remove(name);
            return;
        }
        var merged = value is JsonArray list && result[name] is JsonArray existing
            ? MergeList(existing, list, schema.ListAt(names), names, schema)
            : MergeNode(result[name], value, names, schema);
        result.Remove(name);
        if (merged is not null)
        {
            result[name] = merged;
        }
    }

    private static JsonNode MergeList(JsonArray target, JsonArray patch, ListSemantics semantics, List<string> names, ResourceSchema schema)
    {
        if (semantics.PatchMergePrimitives)
        {
            var union = (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(p => !union.Any(u => JsonNode.DeepEquals(u, p))))
            {
                union.Add(item?.DeepClone());
            }
            return union;
        }
        if (semantics.PatchMergeKey is not { } key)
        {
            return patch.DeepClone();
        }
        if (patch.OfType<JsonObject>().Any(i => i["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(i => !i.ContainsKey("$patch")).Select(i => (JsonNode?)i.DeepClone()).ToArray());
        }
        var result = (JsonArray)target.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var index = IndexOf(result, key, item[key]);
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index < 0)
            {
                result.Add(WithoutDirectives(item));
                continue;
            }
            var merged = MergeNode(result[index], item, names, schema);
            result[index] = null;
            result[index] = merged;
        }
        return result;
    }

    private static int IndexOf(JsonArray list, string key, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[key], value))
            {
                return i;
            }
        }
        return -1;
    }

    private static void ApplyDirectives(JsonObject result, JsonObject patch)
    {
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(r => r?.GetValue<string>()).ToHashSet();
            foreach (var name in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(name);
            }
        }
        foreach (var (name, value) in patch.Where(p => p.Key.StartsWith(DeleteFromPrimitivePrefix, StringComparison.Ordinal)))
        {
            var field = name[DeleteFromPrimitivePrefix.Length..];
            if (result[field] is JsonArray list && value is JsonArray remove)
            {
                foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                {
                    list.Remove(item);
                }
            }
        }
    }

    private static JsonObject WithoutDirectives(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(p => p.Key != "$patch" && !p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)))
        {
            copy[name] = value?.DeepClone();
        }
        return copy;
    }
}
