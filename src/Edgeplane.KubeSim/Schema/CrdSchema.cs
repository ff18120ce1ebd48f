using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Schema;

/// <summary>
/// Schema of one served CRD version (its openAPIV3Schema): structural pruning of undeclared fields,
/// x-kubernetes-preserve-unknown-fields, and x-kubernetes-list-type / list-map-keys for merging.
/// Types, formats, enums and CEL rules are not validated.
/// </summary>
internal sealed class CrdSchema(JsonObject? openApiV3Schema) : ResourceSchema
{
    public JsonObject? Root { get; } = openApiV3Schema;

    protected override ListSemantics ListAtCore(IReadOnlyList<string> path)
    {
        var node = Root;
        foreach (var field in path)
        {
            node = Items(node)?.At("properties", field) as JsonObject ?? node?.At("properties", field) as JsonObject;
            if (node is null)
            {
                return ListSemantics.Atomic;
            }
        }
        if (node is null)
        {
            return ListSemantics.Atomic;
        }
        return node.Str("x-kubernetes-list-type") switch
        {
            "map" when node["x-kubernetes-list-map-keys"] is JsonArray keys =>
                new ListSemantics(ListKind.Map, keys.Select(k => k!.GetValue<string>()).ToArray(), null),
            "set" => new ListSemantics(ListKind.Set, [], null),
            _ => ListSemantics.Atomic,
        };
    }

    protected override void FindUnknownCore(JsonObject obj, List<string> unknown, bool prune)
    {
        if (Root is null)
        {
            return;
        }
        foreach (var (name, value) in obj.ToList())
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            Walk(Root, name, value, obj, name, unknown, prune);
        }
    }

    private static JsonObject? Items(JsonObject? schema) =>
        schema?.Str("type") == "array" ? schema["items"] as JsonObject : null;

    private static void Walk(JsonObject schema, string name, JsonNode? value, JsonObject parent, string path,
        List<string> unknown, bool prune)
    {
        if (schema.Bool("x-kubernetes-preserve-unknown-fields") == true && schema["properties"] is null)
        {
            return;
        }
        var fieldSchema = schema.At("properties", name) as JsonObject ?? schema["additionalProperties"] as JsonObject;
        if (fieldSchema is null)
        {
            if (schema.Bool("x-kubernetes-preserve-unknown-fields") == true || schema["additionalProperties"] is not null)
            {
                return;
            }
            unknown.Add(path);
            if (prune)
            {
                parent.Remove(name);
            }
            return;
        }
        WalkValue(fieldSchema, value, path, unknown, prune);
    }

    private static void WalkValue(JsonObject schema, JsonNode? value, string path, List<string> unknown, bool prune)
    {
        switch (value)
        {
            case JsonObject child when schema.Str("type") == "object" || schema["properties"] is JsonObject:
                foreach (var (childName, childValue) in child.ToList())
                {
                    Walk(schema, childName, childValue, child, $"{path}.{childName}", unknown, prune);
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    WalkValue(items, array[i], $"{path}[{i}]", unknown, prune);
                }
                break;
        }
    }
}
