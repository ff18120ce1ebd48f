using System.Globalization;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON nodes, with RFC 6901 pointers
/// (<c>~1</c> is "/", <c>~0</c> is "~"), "-" for the end of an array and negative array indices, as the
/// evanphx/json-patch library kustomize uses.
/// </summary>
internal static class JsonPatch
{
    /// <summary>One operation, validated.</summary>
    public sealed record Operation(string Op, string Path, string? From, JsonNode? Value, bool HasValue, int Index);

    /// <summary>Reads the operations of a patch; throws <see cref="FormatException"/> naming the bad operation.</summary>
    public static IReadOnlyList<Operation> Parse(JsonArray operations)
    {
        var result = new List<Operation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op)
            {
                throw new FormatException($"operation {i + 1} is not a mapping");
            }
            var name = ObjectFields.GetString(op, "op");
            if (name is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
            {
                throw new FormatException($"operation {i + 1}: unknown op '{ObjectFields.ScalarText(op["op"])}'");
            }
            if (op["path"] is not JsonValue)
            {
                throw new FormatException($"operation {i + 1} ({name}) has no 'path'");
            }
            var from = name is "move" or "copy"
                ? ObjectFields.ScalarText(op["from"]) ?? throw new FormatException($"operation {i + 1} ({name}) has no 'from'")
                : null;
            var hasValue = op.ContainsKey("value");
            if (name is "add" or "replace" or "test" && !hasValue)
            {
                throw new FormatException($"operation {i + 1} ({name}) has no 'value'");
            }
            result.Add(new Operation(name, ObjectFields.ScalarText(op["path"]) ?? "", from, op["value"], hasValue, i + 1));
        }
        return result;
    }

    /// <summary>
    /// Applies the operations in order to <paramref name="document"/>; returns the new document. Before an operation
    /// copies a value in (add, replace, copy), <paramref name="grow"/> is told at least how many bytes of JSON it adds,
    /// and may throw: a list of copies that doubles the document each time stops there, not after.
    /// </summary>
    /// <exception cref="InvalidOperationException">An operation does not apply; the message names it and its path.</exception>
    public static JsonNode Apply(JsonNode document, IReadOnlyList<Operation> operations, Action<long>? grow = null)
    {
        var root = new JsonObject { ["doc"] = document };
        foreach (var op in operations)
        {
            try
            {
                Apply(root, op, grow);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"operation {op.Index} ({op.Op} {op.Path}): {e.Message}", e);
            }
        }
        var result = root["doc"] ?? throw new InvalidOperationException("the patch removed the whole object");
        root.Remove("doc");
        return result;
    }

    private static void Apply(JsonObject root, Operation op, Action<long>? grow)
    {
        switch (op.Op)
        {
            case "add":
                Add(root, op.Path, Copy(op.Value, grow));
                break;
            case "remove":
                Remove(root, op.Path);
                break;
            case "replace":
                Remove(root, op.Path);
                Add(root, op.Path, Copy(op.Value, grow));
                break;
            case "move":
                var moved = Get(root, op.From!);
                Remove(root, op.From!);
                Add(root, op.Path, moved);
                break;
            case "copy":
                Add(root, op.Path, Copy(Get(root, op.From!), grow));
                break;
            default:
                var actual = Get(root, op.Path);
                if (!JsonNode.DeepEquals(actual, op.Value))
                {
                    throw new InvalidOperationException($"test failed: the value is {actual?.ToJsonString() ?? "null"}");
                }
                break;
        }
    }

    private static JsonNode? Copy(JsonNode? value, Action<long>? grow)
    {
        grow?.Invoke(JsonSize.Of(value));
        return value?.DeepClone();
    }

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array => array[Index(array, token, allowEnd: false)],
            _ => throw new InvalidOperationException($"path '{path}' does not exist"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array:
                array.Insert(token == "-" ? array.Count : Index(array, token, allowEnd: true), value);
                break;
            default:
                throw new InvalidOperationException($"cannot add below a scalar at '{path}'");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj.Remove(token);
                break;
            case JsonArray array:
                array.RemoveAt(Index(array, token, allowEnd: false));
                break;
            default:
                throw new InvalidOperationException($"path '{path}' does not exist");
        }
    }

    /// <summary>The container of the last token and that token; every container on the way must exist.</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonObject root, string path)
    {
        if (path.Length == 0)
        {
            return (root, "doc");
        }
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"path '{path}' must start with '/'");
        }
        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root["doc"];
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(tokens[i], out var child) && child is not null => child,
                JsonArray array => array[Index(array, tokens[i], allowEnd: false)],
                _ => throw new InvalidOperationException($"path '{path}' does not exist (no '{string.Join('/', tokens[..(i + 1)])}')"),
            } ?? throw new InvalidOperationException($"path '{path}' does not exist");
        }
        return (node, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new InvalidOperationException($"'{token}' is not an array index");
        }
        if (index < 0)
        {
            index += array.Count;
        }
        var max = allowEnd ? array.Count : array.Count - 1;
        if (index < 0 || index > max)
        {
            throw new InvalidOperationException($"array index {token} is out of range (the array has {array.Count} elements)");
        }
        return index;
    }
}
