using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Apply;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Apply;

/// <summary>Merges an applied configuration into a live object: maps field by field, map-lists item by key, sets by value, the rest replaced.</summary>
internal static class ApplyMerger
{
    public static JsonObject Merge(JsonObject live, JsonObject config, ResourceSchema schema) =>
        (JsonObject)MergeNode(live, config, [], schema)!;

    private static JsonNode? MergeNode(JsonNode? live, JsonNode? config, List<string> names, ResourceSchema schema)
    {
        if (config is JsonObject configObj && live is JsonObject liveObj)
        {
            var result = (JsonObject)liveObj.DeepClone();
            foreach (var (name, value) in configObj)
            {
                if (value is null)
                {
                    continue;
                }
                names.Add(name);
                result[name] = MergeNode(liveObj[name], value, names, schema);
                names.RemoveAt(names.Count - 1);
            }
            return result;
        }
        if (config is JsonArray configList && live is JsonArray liveList)
        {
            var semantics = schema.ListAt(names);
            return semantics.Kind switch
            {
                ListKind.Map => MergeMapList(liveList, configList, semantics, names, schema),
                ListKind.Set => MergeSet(liveList, configList),
                _ => configList.DeepClone(),
            };
        }
        return StripNulls(config?.DeepClone());
    }

    private static JsonArray MergeMapList(JsonArray live, JsonArray config, ListSemantics semantics, List<string> names, ResourceSchema schema)
    {
        var result = (JsonArray)live.DeepClone();
        for (var i = 0; i < config.Count; i++)
        {
            var element = FieldPaths.ItemElement(config[i], i, semantics);
            var index = FieldPaths.IndexOf(result, element, semantics);
            if (index < 0)
            {
                result.Add(StripNulls(config[i]?.DeepClone()));
            }
            else
            {
                var merged = MergeNode(result[index], config[i], names, schema);
                result[index] = null;
                result[index] = merged;
            }
        }
        return result;
    }

    private static JsonArray MergeSet(JsonArray live, JsonArray config)
    {
        var result = (JsonArray)live.DeepClone();
        foreach (var item in config)
        {
            if (!result.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                result.Add(item?.DeepClone());
            }
        }
        return result;
    }

    private static JsonNode? StripNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }
            foreach (var (_, value) in obj)
            {
                StripNulls(value);
            }
        }
        else if (node is JsonArray list)
        {
            foreach (var item in list)
            {
                StripNulls(item);
            }
        }
        return node;
    }
}
