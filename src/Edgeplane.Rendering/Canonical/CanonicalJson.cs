using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Canonical;

/// <summary>
/// Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no insignificant
/// whitespace, numbers in their shortest ECMAScript form, strings in UTF-8 escaping only <c>"</c>, <c>\</c> and
/// control characters. Equal documents give equal bytes on any machine.
/// </summary>
public static partial class CanonicalJson
{
    /// <summary>The canonical bytes of a node.</summary>
    public static byte[] Serialize(JsonNode? node)
    {
        using var buffer = new ByteBuffer(4096);
        Write(buffer, node);
        return buffer.Written.ToArray();
    }

    internal static void Write(ByteBuffer buffer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                buffer.Write("null"u8);
                break;
            case JsonObject obj:
                WriteObject(buffer, obj);
                break;
            case JsonArray array:
                buffer.Write((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        buffer.Write((byte)',');
                    }
                    Write(buffer, array[i]);
                }
                buffer.Write((byte)']');
                break;
            case JsonValue value:
                WriteValue(buffer, value);
                break;
        }
    }

    private static void WriteObject(ByteBuffer buffer, JsonObject obj)
    {
        buffer.Write((byte)'{');
        var first = true;
        foreach (var (key, value) in SortedEntries(obj))
        {
            if (!first)
            {
                buffer.Write((byte)',');
            }
            first = false;
            WriteString(buffer, key);
            buffer.Write((byte)':');
            Write(buffer, value);
        }
        buffer.Write((byte)'}');
    }

    internal static KeyValuePair<string, JsonNode?>[] SortedEntries(JsonObject obj)
    {
        var entries = new KeyValuePair<string, JsonNode?>[obj.Count];
        var i = 0;
        foreach (var entry in obj)
        {
            entries[i++] = entry;
        }
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    internal static void WriteValue(ByteBuffer buffer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(buffer, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                buffer.Write("true"u8);
                break;
            case JsonValueKind.False:
                buffer.Write("false"u8);
                break;
            case JsonValueKind.Number:
                WriteAscii(buffer, FormatNumber(value));
                break;
            default:
                buffer.Write("null"u8);
                break;
        }
    }

    internal static void WriteAscii(ByteBuffer buffer, string text)
    {
        var span = buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        buffer.Advance(text.Length);
    }

    /// <summary>Writes a JSON string: quotes, escapes for <c>"</c>, <c>\</c> and control characters, the rest as UTF-8.</summary>
    internal static void WriteString(ByteBuffer buffer, string text)
    {
        buffer.Write((byte)'"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }
            WriteUtf8(buffer, text.AsSpan(start, i - start));
            WriteEscape(buffer, c);
            start = i + 1;
        }
        WriteUtf8(buffer, text.AsSpan(start));
        buffer.Write((byte)'"');
    }

    private static void WriteUtf8(ByteBuffer buffer, ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(chars, span));
    }

    private static void WriteEscape(ByteBuffer buffer, char c)
    {
        switch (c)
        {
            case '"': buffer.Write("\\\""u8); break;
            case '\\': buffer.Write("\\\\"u8); break;
            case '\b': buffer.Write("\\b"u8); break;
            case '\f': buffer.Write("\\f"u8); break;
            case '\n': buffer.Write("\\n"u8); break;
            case '\r': buffer.Write("\\r"u8); break;
            case '\t': buffer.Write("\\t"u8); break;
            default:
                WriteAscii(buffer, $"\\u{(int)c:x4}");
                break;
        }
    }
}
