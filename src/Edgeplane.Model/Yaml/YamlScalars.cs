using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Edgeplane.Model.Yaml;

/// <summary>
/// Resolves YAML scalars to JSON values with the YAML 1.2 core schema, as kustomize's kyaml does:
/// only quoted or explicitly tagged text is forced to a string; plain <c>yes</c>/<c>on</c> stay strings.
/// </summary>
internal static class YamlScalars
{
    public static JsonNode? Resolve(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && tag != "?")
        {
            return ResolveTagged(tag, scalar.Value);
        }
        if (scalar.Style is not ScalarStyle.Plain || scalar.IsQuotedImplicit)
        {
            return JsonValue.Create(scalar.Value);
        }
        return ResolvePlain(scalar.Value);
    }

    /// <summary>True when plain text would not read back as this same string (so an emitter must quote it).</summary>
    public static bool NeedsQuoting(string text) => text.Length == 0 || ResolvePlain(text) is not JsonValue v || !v.TryGetValue<string>(out _);

    public static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (TryInteger(text, out var node) || TryFloat(text, out node))
        {
            return node;
        }
        return JsonValue.Create(text);
    }

    private static JsonNode? ResolveTagged(string tag, string value) => tag switch
    {
        "tag:yaml.org,2002:str" or "!" or "tag:yaml.org,2002:binary" or "tag:yaml.org,2002:timestamp" => JsonValue.Create(value),
        "tag:yaml.org,2002:null" => null,
        "tag:yaml.org,2002:bool" => ResolvePlain(value) is JsonValue b && b.TryGetValue<bool>(out _)
            ? b : throw new YamlTypeException($"'{value}' is not a bool"),
        "tag:yaml.org,2002:int" => TryInteger(value, out var i) ? i : throw new YamlTypeException($"'{value}' is not an int"),
        "tag:yaml.org,2002:float" => TryInteger(value, out var f) || TryFloat(value, out f)
            ? f : throw new YamlTypeException($"'{value}' is not a float"),
        _ => JsonValue.Create(value),
    };

    private static bool TryInteger(string text, out JsonNode? node)
    {
        node = null;
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+');
        if (body.Length == 0 || text.Length - body.Length > 1)
        {
            return false;
        }
        long value;
        if (body.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!long.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }
        }
        else if (body.StartsWith("0o", StringComparison.Ordinal))
        {
            if (!TryOctal(body.AsSpan(2), out value))
            {
                return false;
            }
        }
        else if (!body.All(char.IsAsciiDigit) || !long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        node = JsonValue.Create(negative ? -value : value);
        return true;
    }

    private static bool TryOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > long.MaxValue / 8)
            {
                return false;
            }
            value = value * 8 + (c - '0');
        }
        return true;
    }

    private static bool TryFloat(string text, out JsonNode? node)
    {
        node = null;
        var body = text.TrimStart('-', '+');
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || (body[0] == '.' && body.Length > 1 && char.IsAsciiDigit(body[1]))))
        {
            return false;
        }
        if (!body.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+'))
        {
            return false;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }
        node = JsonValue.Create(value);
        return true;
    }
}
