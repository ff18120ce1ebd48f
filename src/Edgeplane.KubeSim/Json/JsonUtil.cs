using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Json;

/// <summary>Small helpers over System.Text.Json nodes: parse, serialize compactly, and walk paths.</summary>
internal static class JsonUtil
{
    /// <summary>Nesting allowed in request bodies; Kubernetes objects are shallow, so this only stops abuse.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        // Like Go's encoder: quotes as ", non-ASCII kept; messages stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        return JsonNode.Parse(ref reader, NodeOptions);
    }

    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8) =>
        Parse(utf8) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8) => JsonDocument.Parse(utf8, DocumentOptions);

    public static byte[] ToBytes(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToCompactString(JsonNode? node) => node?.ToJsonString() ?? "null";

    public static JsonObject Obj(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    public static bool? Bool(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>Follows dotted field names (no list indexing) and returns the node or null.</summary>
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var part in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }
        return node;
    }

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static JsonObject CloneObject(JsonObject node) => (JsonObject)node.DeepClone();

    public static JsonArray ToArray(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }
        return array;
    }

    public static JsonArray Strings(IEnumerable<string> items) => ToArray(items.Select(s => (JsonNode?)JsonValue.Create(s)));
}
