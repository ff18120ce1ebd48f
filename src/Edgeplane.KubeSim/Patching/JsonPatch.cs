using System.Globalization;
using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Patching;

/// <summary>JSON patch (RFC 6902) with JSON pointers (RFC 6901): add, remove, replace, move, copy, test.</summary>
internal static class JsonPatch
{
    /// <summary>Most operations one patch may carry; bounds the work of a single request.</summary>
    public const int MaxOperations = 10_000;

    /// <exception cref="FormatException">The patch is malformed or an operation cannot be applied; the message names it.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray ops)
        {
            throw new FormatException("a JSON patch must be an array of operations");
        }
        if (ops.Count > MaxOperations)
        {
            throw new FormatException($"the JSON patch has {ops.Count} operations, more than the limit of {MaxOperations}");
        }
        var doc = target.DeepClone();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i] is not JsonObject op)
            {
                throw new FormatException($"operation {i} is not an object");
            }
            doc = ApplyOne(doc, op, i);
        }
        return doc;
    }

    private static JsonNode ApplyOne(JsonNode doc, JsonObject op, int index)
    {
        var name = op["op"]?.GetValue<string>() ?? throw new FormatException($"operation {index} has no \"op\"");
        var path = op["path"]?.GetValue<string>() ?? throw new FormatException($"operation {index} ({name}) has no \"path\"");
        switch (name)
        {
            case "add":
                return Add(doc, path, Value(op, index));
            case "remove":
                Remove(doc, path);
                return doc;
            case "replace":
                return Replace(doc, path, Value(op, index));
            case "move":
                var moved = Get(doc, From(op, index));
                Remove(doc, From(op, index));
                return Add(doc, path, moved);
            case "copy":
                return Add(doc, path, Get(doc, From(op, index))?.DeepClone());
            case "test":
                if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                {
                    throw new FormatException($"testing value {path} failed");
                }
                return doc;
            default:
                throw new FormatException($"operation {index} has unknown op \"{name}\"");
        }
    }

    private static JsonNode? Value(JsonObject op, int index) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new FormatException($"operation {index} has no \"value\"");

    private static string From(JsonObject op, int index) =>
        op["from"]?.GetValue<string>() ?? throw new FormatException($"operation {index} has no \"from\"");

    private static List<string> Tokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }
        if (pointer[0] != '/')
        {
            throw new FormatException($"invalid JSON pointer \"{pointer}\"");
        }
        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static JsonNode? Get(JsonNode doc, string pointer)
    {
        JsonNode? node = doc;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new FormatException($"path {pointer} does not exist"),
            };
        }
        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode doc, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0)
        {
            throw new FormatException("the root cannot be the target of this operation");
        }
        var parentPointer = "/" + string.Join('/', tokens.SkipLast(1).Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        var parent = tokens.Count == 1 ? doc : Get(doc, parentPointer);
        return (parent ?? throw new FormatException($"path {pointer}: parent is null"), tokens[^1]);
    }

    private static JsonNode Add(JsonNode doc, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw new FormatException("cannot replace the document with null");
        }
        var (parent, last) = Parent(doc, path);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new FormatException($"path {path} cannot be added to");
        }
        return doc;
    }

    private static JsonNode Replace(JsonNode doc, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw new FormatException("cannot replace the document with null");
        }
        Get(doc, path);
        var (parent, last) = Parent(doc, path);
        if (parent is JsonObject o)
        {
            o[last] = value;
        }
        else
        {
            ((JsonArray)parent)[int.Parse(last, CultureInfo.InvariantCulture)] = value;
        }
        return doc;
    }

    private static void Remove(JsonNode doc, string path)
    {
        var (parent, last) = Parent(doc, path);
        var removed = parent switch
        {
            JsonObject o => o.Remove(last),
            JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw new FormatException($"path {path} does not exist");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }
}
