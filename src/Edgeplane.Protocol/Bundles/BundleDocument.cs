using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Protocol.Bundles;

/// <summary>
/// The bundle document (docs/rendering.md, "The bundle document"): <c>apiVersion edgeplane.dev/v1alpha1</c>,
/// <c>kind Bundle</c>, <c>metadata.name</c>, <c>spec.drift</c>, <c>spec.prune</c>, <c>spec.objects</c>,
/// <c>spec.revision</c>. <see cref="Parse"/> is the one reader of it, for the agent and the hub alike; the renderer writes
/// it from the same <c>BundleFormat</c>. Unknown fields are accepted (later versions may add options).
/// </summary>
/// <param name="Name">The cluster the bundle is for (<c>metadata.name</c>).</param>
/// <param name="Drift">What the agent does on drift (<c>spec.drift</c>, default <see cref="BundleDrift.Correct"/>).</param>
/// <param name="Prune">Whether objects that left the bundle are deleted (<c>spec.prune</c>, default true).</param>
/// <param name="Revision">The revision the bundle was rendered from (<c>spec.revision</c>, default <c>unversioned</c>).</param>
/// <param name="Objects">The Kubernetes objects in apply order (<c>spec.objects</c>).</param>
public sealed record BundleDocument(string Name, BundleDrift Drift, bool Prune, string Revision, IReadOnlyList<JsonObject> Objects)
{
    /// <summary>The only apiVersion this build understands.</summary>
    public const string ApiVersion = BundleFormat.ApiVersion;

    /// <summary>The kind of a bundle document.</summary>
    public const string Kind = BundleFormat.Kind;

    /// <summary>Nesting allowed in the whole document: <see cref="ProtocolLimits.MaxObjectDepth"/> plus the document's own three levels.</summary>
    public const int MaxDepth = ProtocolLimits.MaxObjectDepth + 3;

    /// <summary>
    /// Parses and checks a bundle document of at most <see cref="ProtocolLimits.MaxBundleBytes"/>. Throws
    /// <see cref="BundleFormatException"/> naming the field at fault.
    /// </summary>
    public static BundleDocument Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > ProtocolLimits.MaxBundleBytes)
        {
            throw new BundleFormatException($"bundle is {utf8.Length} bytes; the limit is {ProtocolLimits.MaxBundleBytes} (ProtocolLimits.MaxBundleBytes)");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new BundleFormatException(
                $"bundle is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        if (root is not JsonObject document)
        {
            throw new BundleFormatException("bundle must be a JSON object");
        }
        Require(document, "apiVersion", ApiVersion);
        Require(document, "kind", Kind);
        var name = Text((document["metadata"] as JsonObject)?["name"])
            ?? throw new BundleFormatException("bundle metadata.name is missing or not a string");
        var spec = document["spec"] as JsonObject ?? throw new BundleFormatException("bundle spec is missing or not an object");
        return new BundleDocument(name, DriftOf(spec), PruneOf(spec), Text(spec["revision"]) ?? BundleFormat.Unversioned, ObjectsOf(spec));
    }

    private static void Require(JsonObject document, string field, string expected)
    {
        var actual = Text(document[field]);
        if (actual != expected)
        {
            throw new BundleFormatException($"bundle {field} is '{actual ?? "(missing)"}', expected '{expected}'");
        }
    }

    private static BundleDrift DriftOf(JsonObject spec) => Text(spec["drift"]) switch
    {
        null or BundleFormat.DriftCorrect => BundleDrift.Correct,
        BundleFormat.DriftReport => BundleDrift.Report,
        var other => throw new BundleFormatException(
            $"bundle spec.drift is '{other}'; it must be '{BundleFormat.DriftCorrect}' or '{BundleFormat.DriftReport}'"),
    };

    private static bool PruneOf(JsonObject spec) => spec["prune"] switch
    {
        null => true,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new BundleFormatException("bundle spec.prune must be true or false"),
    };

    private static List<JsonObject> ObjectsOf(JsonObject spec)
    {
        if (spec["objects"] is not JsonArray items)
        {
            throw new BundleFormatException("bundle spec.objects is missing or not an array");
        }
        var objects = new List<JsonObject>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject obj)
            {
                throw new BundleFormatException($"bundle spec.objects[{i}] is not a JSON object");
            }
            if (MissingIdentity(obj) is { } missing)
            {
                throw new BundleFormatException($"bundle spec.objects[{i}]: object {Describe(obj)} has no {missing}");
            }
            objects.Add(obj);
        }
        return objects;
    }

    // What every consumer needs to name an object (the agent's engine, the hub's identity sets): string apiVersion,
    // kind and metadata.name, checked in that order.
    private static string? MissingIdentity(JsonObject obj) =>
        Text(obj["apiVersion"]) is null ? "apiVersion"
        : Text(obj["kind"]) is null ? "kind"
        : Text((obj["metadata"] as JsonObject)?["name"]) is null ? "metadata.name"
        : null;

    private static string Describe(JsonObject obj) => string.Create(CultureInfo.InvariantCulture,
        $"{Text(obj["kind"]) ?? "<no kind>"} {Text((obj["metadata"] as JsonObject)?["name"]) ?? "<no name>"}");

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
