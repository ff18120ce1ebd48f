using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Agent.Bundles;

/// <summary>
/// A bundle as the agent reads it: the documented JSON (<c>apiVersion edgeplane.dev/v1alpha1</c>, <c>kind Bundle</c>,
/// <c>metadata.name</c>, <c>spec.drift</c>, <c>spec.prune</c>, <c>spec.objects</c>, <c>spec.revision</c>). The agent parses
/// this format itself and never references the renderer. Unknown <c>spec</c> fields are accepted (later versions may add
/// options).
/// </summary>
public sealed record BundleDocument(string Name, DriftPolicy Drift, bool Prune, string Revision, IReadOnlyList<JsonObject> Objects)
{
    /// <summary>The only apiVersion this agent understands.</summary>
    public const string ApiVersion = "edgeplane.dev/v1alpha1";

    /// <summary>Nesting allowed in the whole document: the objects' limit plus the document's own three levels.</summary>
    public const int MaxDepth = BundleObjects.MaxDepth + 3;

    /// <summary>Parses and checks a bundle document. Throws <see cref="BundleFormatException"/> naming the field at fault.</summary>
    public static BundleDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
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
        Require(document, "kind", "Bundle");
        var name = Text((document["metadata"] as JsonObject)?["name"])
            ?? throw new BundleFormatException("bundle metadata.name is missing or not a string");
        var spec = document["spec"] as JsonObject ?? throw new BundleFormatException("bundle spec is missing or not an object");
        return new BundleDocument(name, DriftOf(spec), PruneOf(spec), Text(spec["revision"]) ?? "unversioned", ObjectsOf(spec));
    }

    private static void Require(JsonObject document, string field, string expected)
    {
        var actual = Text(document[field]);
        if (actual != expected)
        {
            throw new BundleFormatException($"bundle {field} is '{actual ?? "(missing)"}', expected '{expected}'");
        }
    }

    private static DriftPolicy DriftOf(JsonObject spec) => Text(spec["drift"]) switch
    {
        null or "correct" => DriftPolicy.Correct,
        "report" => DriftPolicy.Report,
        var other => throw new BundleFormatException($"bundle spec.drift is '{other}'; it must be 'correct' or 'report'"),
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
            try
            {
                _ = ObjectRef.Of(obj);
            }
            catch (ObjectFormatException e)
            {
                throw new BundleFormatException($"bundle spec.objects[{i}]: {e.Message}", e);
            }
            objects.Add(obj);
        }
        return objects;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
