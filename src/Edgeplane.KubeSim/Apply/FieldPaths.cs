using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Apply;

/// <summary>Path elements for list items, and navigation of an object by a field path.</summary>
internal static class FieldPaths
{
    public static string FieldElement(string name) => "f:" + name;

    /// <summary>The element naming a list item: <c>k:{…}</c> for map lists, <c>v:…</c> for sets, <c>i:N</c> otherwise.</summary>
    public static string ItemElement(JsonNode? item, int index, ListSemantics semantics)
    {
        if (semantics.Kind == ListKind.Set)
        {
            return "v:" + JsonUtil.ToCompactString(item);
        }
        if (semantics.Kind == ListKind.Map && item is JsonObject obj && KeyOf(obj, semantics) is { } key)
        {
            return "k:" + key;
        }
        return "i:" + index;
    }

    /// <summary>Compact JSON of the item's key fields, sorted by name, defaults filled in; null when a key is missing.</summary>
    public static string? KeyOf(JsonObject item, ListSemantics semantics)
    {
        var key = new JsonObject();
        foreach (var name in semantics.Keys.Order(StringComparer.Ordinal))
        {
            var value = item[name]?.DeepClone() ?? (ListSemantics.KeyDefault(name) is { } d ? JsonValue.Create(d) : null);
            if (value is null)
            {
                return null;
            }
            key[name] = value;
        }
        return key.ToJsonString();
    }

    /// <summary>Finds the index of the item an element names in a list, or -1.</summary>
    public static int IndexOf(JsonArray list, string element, ListSemantics semantics)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ItemElement(list[i], i, semantics) == element)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Removes the node a path names from an object. Returns false when the path does not exist.</summary>
    public static bool Remove(JsonObject root, string path, ResourceSchema schema)
    {
        var elements = FieldSet.Split(path);
        JsonNode? node = root;
        var names = new List<string>();
        for (var i = 0; i < elements.Length; i++)
        {
            var last = i == elements.Length - 1;
            var element = elements[i];
            if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
            {
                var name = element[2..];
                if (last)
                {
                    return obj.Remove(name);
                }
                names.Add(name);
                node = obj[name];
            }
            else if (node is JsonArray list)
            {
                var index = IndexOf(list, element, schema.ListAt(names));
                if (index < 0)
                {
                    return false;
                }
                if (last)
                {
                    list.RemoveAt(index);
                    return true;
                }
                node = list[index];
            }
            else
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>True when a path names an existing node of the object.</summary>
    public static bool Exists(JsonObject root, string path, ResourceSchema schema)
    {
        JsonNode? node = root;
        var names = new List<string>();
        foreach (var element in FieldSet.Split(path))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
            {
                if (!obj.TryGetPropertyValue(element[2..], out node))
                {
                    return false;
                }
                names.Add(element[2..]);
            }
            else if (node is JsonArray list)
            {
                var index = IndexOf(list, element, schema.ListAt(names));
                if (index < 0)
                {
                    return false;
                }
                node = list[index];
            }
            else
            {
                return false;
            }
        }
        return true;
    }
}
