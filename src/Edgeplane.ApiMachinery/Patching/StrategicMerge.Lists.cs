using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

public static partial class StrategicMerge
{
    // Lists with a merge strategy, following kyaml's walkAssociativeSequence step by step (including how it orders
    // elements: patch-only elements first, and for multi-key lists dest elements re-appended in their own order). The
    // kube-apiserver dialect only visits the target's elements before the patch's.
    private static JsonNode? WalkMergingList(JsonNode? dest, JsonNode? patch, bool hasPatch, MergeSchema schema, string path,
        StrategicMergeOptions options)
    {
        var destArray = dest as JsonArray;
        var patchArray = hasPatch ? patch as JsonArray : null;
        if (destArray is null)
        {
            if (patchArray is null)
            {
                return null;
            }
            destArray = patchArray;
        }
        else if (hasPatch && patch is null)
        {
            return null;
        }
        else if (patchArray is not null)
        {
            switch (ListStrategy(patchArray))
            {
                case Strategy.Delete:
                    return null;
                case Strategy.Replace:
                    destArray = patchArray;
                    break;
            }
        }
        var keys = schema.Keys;
        var patchFirst = options.Dialect == MergeDialect.Kustomize;
        var values = keys.Length > 0 ? KeyValues(patchArray, destArray, keys, patchFirst) : [];
        if (values.Count == 0 && keys.Length == 0)
        {
            (values, keys) = (PrimitiveValues(patchArray, destArray, patchFirst), [""]);
        }
        if (values.Count == 0)
        {
            return destArray;
        }
        return MergeElements(values, keys, destArray, patchArray, schema.Items, path, options);
    }

    private static JsonArray MergeElements(List<string[]> values, string[] keys, JsonArray destArray, JsonArray? patchArray,
        MergeSchema? itemSchema, string path, StrategicMergeOptions options)
    {
        var dest = destArray.ToList();
        var patch = patchArray?.ToList();
        var items = new List<JsonNode?>();
        if (keys.Length > 1)
        {
            UnifyPartialKeys(values);
        }
        string[] validKeys = keys;
        foreach (var tuple in values)
        {
            (validKeys, var validValues) = ValidKeys(values, tuple, keys);
            var (lookupKeys, lookupValues) = ValidKeys([validValues], validValues, validKeys);
            var destElement = FindElement(dest, lookupKeys, lookupValues);
            var patchElement = patch is null ? null : FindElement(patch, lookupKeys, lookupValues);
            var merged = Walk(destElement, patchElement, patchElement is not null, itemSchema, path + "[]", options);
            if (merged is null || merged is JsonObject { Count: 0 })
            {
                dest = SetElement(dest, null, validKeys, validValues);
                continue;
            }
            if (merged is JsonObject obj)
            {
                for (var i = 0; i < validKeys.Length; i++)
                {
                    if (!obj.ContainsKey(validKeys[i]) && validValues[i].Length > 0)
                    {
                        obj[validKeys[i]] = validValues[i];
                    }
                }
            }
            items = SetElement(items, merged, validKeys, validValues);
        }
        items = AppendDest(items, dest, validKeys);
        return Materialize(items, destArray, patchArray);
    }

    /// <summary>kyaml's appendListNode: re-sets every remaining dest element into the result.</summary>
    private static List<JsonNode?> AppendDest(List<JsonNode?> items, List<JsonNode?> dest, string[] keys)
    {
        foreach (var element in dest)
        {
            if (keys[0].Length == 0)
            {
                items = SetElement(items, element, [""], [Text(element)]);
                continue;
            }
            var values = new List<string>(keys.Length);
            foreach (var key in keys)
            {
                if (element is JsonObject obj && obj.TryGetPropertyValue(key, out var value))
                {
                    values.Add(Text(value));
                }
                else
                {
                    // An element without the merge key cannot be matched; kept at the end.
                    items.Add(element);
                }
            }
            if (values.Count < keys.Length)
            {
                continue;
            }
            if (keys.Length > 1)
            {
                items = SetElement(items, null, keys, [.. values]);
            }
            items = SetElement(items, element, keys, [.. values]);
        }
        return items;
    }

    private static JsonArray Materialize(List<JsonNode?> items, JsonArray destArray, JsonArray? patchArray)
    {
        destArray.Clear();
        patchArray?.Clear();
        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(item is null ? null : item.Parent is null ? item : item.DeepClone());
        }
        return result;
    }

    private static Strategy ListStrategy(JsonArray patch)
    {
        var marker = patch.OfType<JsonObject>().FirstOrDefault(e => e.ContainsKey(Directive));
        if (marker is null || marker.Count > 1)
        {
            return Strategy.Merge;
        }
        var text = ScalarText.Of(marker[Directive]);
        var strategy = ParseStrategy(text) ?? throw new PatchException($"unknown patch strategy '{text}'");
        var kept = SetElement([.. patch], null, [Directive], [text!]);
        patch.Clear();
        foreach (var element in kept)
        {
            patch.Add(element);
        }
        return strategy;
    }
}
