using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// What a diff shown to others may tell about a Secret (core group <c>v1</c>, kind <c>Secret</c>): that a field changed,
/// where, and the keys of a map that came or went, but not a value. Only <c>apiVersion</c>, <c>kind</c>, <c>type</c>,
/// <c>immutable</c>, <c>metadata.name</c>, <c>metadata.namespace</c> and <c>metadata.labels</c> keep their values; every
/// other field (<c>data</c>, <c>stringData</c>, annotations, which may hold a last-applied copy of the data) has each
/// value replaced by <see cref="Marker"/>, maps keeping their keys and lists their length. As <c>kubectl diff</c> masks
/// Secrets, but stricter: annotations are masked too.
/// </summary>
public static class SecretRedaction
{
    /// <summary>What a Secret's value is shown as.</summary>
    public const string Marker = "(redacted)";

    /// <summary>True when <paramref name="obj"/> is a core-group Secret.</summary>
    public static bool IsSecret(JsonObject obj) =>
        obj is not null && Text(obj["apiVersion"]) == "v1" && Text(obj["kind"]) == "Secret";

    /// <summary>The change as a diff may show it: unchanged for a field whose value may be shown, else masked and marked <see cref="FieldChange.Redacted"/>.</summary>
    public static FieldChange Redact(FieldChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Shown(change.Path) ? change : change with { From = Mask(change.From), To = Mask(change.To), Redacted = true };
    }

    private static bool Shown(string path) =>
        path is "apiVersion" or "kind" or "type" or "immutable" or "metadata.name" or "metadata.namespace" or "metadata.labels"
        || path.StartsWith("metadata.labels.", StringComparison.Ordinal) || path.StartsWith("metadata.labels[", StringComparison.Ordinal);

    private static JsonNode? Mask(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Mask(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Mask)]),
        _ => JsonValue.Create(Marker),
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
