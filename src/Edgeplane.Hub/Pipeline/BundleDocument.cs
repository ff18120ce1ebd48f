using System.Text.Json.Nodes;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Reads the objects out of a bundle's canonical JSON bytes: the bundle document's <c>spec.objects</c>
/// (see docs/rendering.md), or a bare <c>objects</c> array or a JSON array of objects.
/// </summary>
internal static class BundleDocument
{
    /// <summary>The bundle's objects in apply order.</summary>
    public static IReadOnlyList<JsonObject> ReadObjects(ReadOnlySpan<byte> canonical)
    {
        var root = JsonNode.Parse(canonical);
        var array = root as JsonArray ?? root?["spec"]?["objects"] as JsonArray ?? root?["objects"] as JsonArray
            ?? throw new InvalidDataException("bundle JSON holds neither an array of objects nor an 'objects' array");
        return array.OfType<JsonObject>().ToList();
    }
}
