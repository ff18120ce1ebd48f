using System.Text.Json.Nodes;

namespace Edgeplane.Hub.Pipeline;

/// <summary>Reads the objects out of a bundle's canonical JSON bytes (a JSON array of objects, or an object with <c>objects</c>).</summary>
public static class BundleDocument
{
    /// <summary>The bundle's objects in apply order.</summary>
    public static IReadOnlyList<JsonObject> ReadObjects(ReadOnlySpan<byte> canonical)
    {
        var root = JsonNode.Parse(canonical);
        var array = root as JsonArray ?? root?["objects"] as JsonArray
            ?? throw new InvalidDataException("bundle JSON holds neither an array of objects nor an 'objects' array");
        return array.OfType<JsonObject>().ToList();
    }
}
