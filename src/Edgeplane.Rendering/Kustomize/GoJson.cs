using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Writes JSON byte-for-byte as Go's <c>encoding/json</c> marshals <c>map[string]interface{}</c>: keys sorted by their
/// UTF-8 bytes, no spaces, and strings escaped the Go way (<c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>,
/// U+2028/U+2029 escaped, other control characters as <c>\u00XX</c> except <c>\b \f \n \r \t</c>).
/// </summary>
internal static class GoJson
{
    private const string Hex = "0123456789abcdef";

    public static void WriteObject(StringBuilder sb, IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in fields.OrderBy(f => f.Key, Utf8Order.Instance))
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            WriteString(sb, key);
            sb.Append(':');
            Write(sb, value);
        }
        sb.Append('}');
    }

    public static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteObject(sb, obj);
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(i > 0 ? "," : "");
                    Write(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValue value:
                sb.Append(value.ToJsonString());
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    public static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
