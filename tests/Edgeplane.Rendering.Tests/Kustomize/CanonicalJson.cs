using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>A canonical text of a JSON node (sorted keys, normalised numbers) so objects compare by value.</summary>
internal static class CanonicalJson
{
    public static string Of(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                sb.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(sb, value);
                    sb.Append(',');
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                foreach (var item in array)
                {
                    Write(sb, item);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                sb.Append(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValue value:
                sb.Append(value.ToJsonString());
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>A copy with keys sorted at every level, as kustomize prints objects.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
