using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Small typed accessors over JSON objects, tolerant of missing or mistyped fields.</summary>
internal static class ObjectFields
{
    public static string GetString(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : "";

    public static string GetMetadataString(JsonObject node, string key) =>
        node["metadata"] is JsonObject metadata ? GetString(metadata, key) : "";

    /// <summary>Sets <c>metadata.key</c>; an empty value removes the field, as kyaml's setters do.</summary>
    public static void SetMetadataString(JsonObject node, string key, string value)
    {
        if (node["metadata"] is not JsonObject metadata)
        {
            if (value.Length == 0)
            {
                return;
            }
            metadata = [];
            node["metadata"] = metadata;
        }
        if (value.Length == 0)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }
    }

    /// <summary>The string entries of <c>metadata.field</c> (labels or annotations); non-string values are skipped.</summary>
    public static Dictionary<string, string> GetMetadataMap(JsonObject node, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node["metadata"] is JsonObject metadata && metadata[field] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                result[key] = ScalarText(value) ?? "";
            }
        }
        return result;
    }

    /// <summary>Replaces <c>metadata.field</c>; an empty map removes it.</summary>
    public static void SetMetadataMap(JsonObject node, string field, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }
        if (node["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            node["metadata"] = metadata;
        }
        if (map.Count == 0)
        {
            metadata.Remove(field);
        }
        else
        {
            metadata[field] = map;
        }
    }

    /// <summary>The YAML text of a scalar as kyaml sees it (strings as is, numbers and booleans as written); null otherwise.</summary>
    public static string? ScalarText(JsonNode? node) => Edgeplane.ApiMachinery.Patching.ScalarText.Of(node);

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);
}
