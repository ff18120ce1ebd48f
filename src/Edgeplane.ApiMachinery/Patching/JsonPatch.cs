using System.Globalization;
using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON nodes, with RFC 6901 pointers (<c>~1</c> is
/// "/", <c>~0</c> is "~"), "-" for the end of an array and negative array indices counted from the end: the semantics of
/// the evanphx/json-patch library that both kustomize and kube-apiserver use. add and replace on an existing member keep
/// its place in the object.
/// </summary>
public static class JsonPatch
{
    /// <summary>Most operations one patch may carry (kube-apiserver's <c>maxJSONPatchOperations</c>).</summary>
    public const int MaxOperations = 10_000;

    /// <summary>Reads and validates the operations of a patch.</summary>
    /// <exception cref="FormatException">An operation is malformed, or there are more than <paramref name="maxOperations"/>; the message names it.</exception>
    public static IReadOnlyList<PatchOperation> Parse(JsonArray operations, int maxOperations = MaxOperations)
    {
        if (operations.Count > maxOperations)
        {
            throw new FormatException($"the JSON patch has {operations.Count} operations, more than the limit of {maxOperations}");
        }
        var result = new List<PatchOperation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            result.Add(ParseOne(operations[i], i + 1));
        }
        return result;
    }

    private static PatchOperation ParseOne(JsonNode? node, int index)
    {
        if (node is not JsonObject op)
        {
            throw new FormatException($"operation {index} is not a mapping");
        }
        var name = op["op"] is JsonValue opValue && opValue.TryGetValue<string>(out var text) ? text : "";
        if (name is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
        {
            throw new FormatException($"operation {index}: unknown op '{ScalarText.Of(op["op"])}'");
        }
        if (op["path"] is not JsonValue)
        {
            throw new FormatException($"operation {index} ({name}) has no 'path'");
        }
        var from = name is "move" or "copy"
            ? ScalarText.Of(op["from"]) ?? throw new FormatException($"operation {index} ({name}) has no 'from'")
            : null;
        var hasValue = op.ContainsKey("value");
        if (name is "add" or "replace" or "test" && !hasValue)
        {
            throw new FormatException($"operation {index} ({name}) has no 'value'");
        }
        return new PatchOperation(name, ScalarText.Of(op["path"]) ?? "", from, op["value"], hasValue, index);
    }

    /// <summary>
    /// Applies the operations in order to <paramref name="document"/> (changed in place) and returns the new document.
    /// Before an operation copies a value in (add, replace, copy), <paramref name="copying"/> is shown that value and
    /// may throw: a caller with a size budget stops a list of copies that doubles the document each time there.
    /// </summary>
    /// <exception cref="PatchException">An operation does not apply; the message names it and its path.</exception>
    public static JsonNode Apply(JsonNode document, IReadOnlyList<PatchOperation> operations, Action<JsonNode?>? copying = null)
    {
        var root = new JsonObject { ["doc"] = document };
        foreach (var op in operations)
        {
            try
            {
                Apply(root, op, copying);
            }
            catch (PatchException e)
            {
                throw new PatchException($"operation {op.Index} ({op.Op} {op.Path}): {e.Message}", e);
            }
        }
        var result = root["doc"] ?? throw new PatchException("the patch removed the whole object");
        root.Remove("doc");
        return result;
    }

    private static void Apply(JsonObject root, PatchOperation op, Action<JsonNode?>? copying)
    {
        switch (op.Op)
        {
            case "add":
                Add(root, op.Path, Copy(op.Value, copying));
                break;
            case "remove":
                Remove(root, op.Path);
                break;
            case "replace":
                Replace(root, op.Path, Copy(op.Value, copying));
                break;
            case "move":
                var moved = Get(root, op.From!);
                Remove(root, op.From!);
                Add(root, op.Path, moved);
                break;
            case "copy":
                Add(root, op.Path, Copy(Get(root, op.From!), copying));
                break;
            default:
                var actual = Get(root, op.Path);
                if (!JsonNode.DeepEquals(actual, op.Value))
                {
                    throw new PatchException($"testing value {op.Path} failed: the value is {actual?.ToJsonString() ?? "null"}");
                }
                break;
        }
    }

    private static JsonNode? Copy(JsonNode? value, Action<JsonNode?>? copying)
    {
        copying?.Invoke(value);
        return value?.DeepClone();
    }

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array => array[Index(array, token, allowEnd: false)],
            _ => throw new PatchException($"path '{path}' does not exist"),
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
                throw new PatchException($"cannot add below a scalar at '{path}'");
        }
    }

    private static void Replace(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = value;
                break;
            case JsonArray array:
                array[Index(array, token, allowEnd: false)] = value;
                break;
            default:
                throw new PatchException($"path '{path}' does not exist");
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
                throw new PatchException($"path '{path}' does not exist");
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
            throw new PatchException($"path '{path}' must start with '/'");
        }
        var tokens = path[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }
        JsonNode? node = root["doc"];
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(tokens[i], out var child) && child is not null => child,
                JsonArray array => array[Index(array, tokens[i], allowEnd: false)],
                _ => throw new PatchException($"path '{path}' does not exist (no '{string.Join('/', tokens[..(i + 1)])}')"),
            } ?? throw new PatchException($"path '{path}' does not exist");
        }
        return (node, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new PatchException($"'{token}' is not an array index");
        }
        if (index < 0)
        {
            index += array.Count;
        }
        var max = allowEnd ? array.Count : array.Count - 1;
        if (index < 0 || index > max)
        {
            throw new PatchException($"array index {token} is out of range (the array has {array.Count} elements)");
        }
        return index;
    }
}
