using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Objects;

/// <summary>Small readers for the parts of a Kubernetes object every component needs.</summary>
internal static class ObjectJson
{
    public static string ApiVersion(JsonObject obj) =>
        Str(obj, "apiVersion") ?? throw new ObjectFormatException($"object {Describe(obj)} has no apiVersion");

    public static string Kind(JsonObject obj) =>
        Str(obj, "kind") ?? throw new ObjectFormatException($"object {Describe(obj)} has no kind");

    public static string Name(JsonObject obj) =>
        Str(Meta(obj), "name") ?? throw new ObjectFormatException($"object {Describe(obj)} has no metadata.name");

    public static string? Namespace(JsonObject obj) => Str(Meta(obj), "namespace") is { Length: > 0 } ns ? ns : null;

    /// <summary>The group of an apiVersion: "" for "v1", "apps" for "apps/v1".</summary>
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    public static string VersionOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
    }

    public static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? [];

    public static string? Label(JsonObject obj, string key) => Str(Meta(obj)["labels"] as JsonObject, key);

    public static string? Annotation(JsonObject obj, string key) => Str(Meta(obj)["annotations"] as JsonObject, key);

    public static string? Str(JsonObject? obj, string key) =>
        obj?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Long(JsonObject? obj, string key)
    {
        if (obj?[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        // Parsed values convert freely; values built in code keep their CLR type, so try the usual ones.
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }
        return value.TryGetValue<double>(out var d) ? (long)d : null;
    }

    public static bool? Bool(JsonObject? obj, string key) =>
        obj?[key] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>Follows object keys; null as soon as one is missing or not an object.</summary>
    public static JsonObject? Path(JsonObject? obj, params string[] keys)
    {
        foreach (var key in keys)
        {
            obj = obj?[key] as JsonObject;
        }
        return obj;
    }

    public static long Generation(JsonObject obj) => Long(Meta(obj), "generation") ?? 0;

    public static bool IsDeleting(JsonObject obj) => Str(Meta(obj), "deletionTimestamp") is not null;

    public static string? ResourceVersion(JsonObject obj) => Str(Meta(obj), "resourceVersion");

    private static string Describe(JsonObject obj)
    {
        var name = Str(obj["metadata"] as JsonObject, "name");
        var kind = Str(obj, "kind");
        return string.Create(CultureInfo.InvariantCulture, $"{kind ?? "<no kind>"} {name ?? "<no name>"}");
    }
}
