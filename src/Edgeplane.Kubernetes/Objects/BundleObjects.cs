using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Objects;

/// <summary>
/// Reads a bundle's objects from JSON — an array of objects, or a Kubernetes List (<c>{"kind":"List","items":[…]}</c>) —
/// for <see cref="Apply.ApplyRequest.Objects"/>. Errors name the item and what is wrong with it.
/// </summary>
public static class BundleObjects
{
    /// <summary>Deepest JSON nesting accepted; real objects stay far below it.</summary>
    public const int MaxDepth = 64;

    /// <exception cref="ObjectFormatException">Not valid JSON, not an array or List, or an item lacks apiVersion, kind or metadata.name.</exception>
    public static IReadOnlyList<JsonObject> Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new ObjectFormatException($"bundle JSON is not valid at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }
        var items = root switch
        {
            JsonArray array => array,
            JsonObject list when list["items"] is JsonArray listItems => listItems,
            _ => throw new ObjectFormatException("bundle JSON must be an array of objects or a List with \"items\""),
        };
        var objects = new List<JsonObject>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject obj)
            {
                throw new ObjectFormatException($"item #{i} is not a JSON object");
            }
            try
            {
                _ = ObjectRef.Of(obj);
            }
            catch (ObjectFormatException ex)
            {
                throw new ObjectFormatException($"item #{i}: {ex.Message}", ex);
            }
            objects.Add(obj);
        }
        return objects;
    }
}
