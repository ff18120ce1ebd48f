using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Validation;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Loading;

/// <summary>
/// Reads the fields of one mapping strictly: each typed getter records the field as known, and <see cref="Done"/>
/// reports every other field as unknown, with a "did you mean". Problems go to the shared bag; getters then return
/// null or empty so that reading goes on and every error is reported at once.
/// </summary>
internal sealed partial class SpecReader
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public SpecReader(JsonObject node, SourceMap map, DiagnosticBag bag, string owner, string path)
    {
        Node = node;
        Map = map;
        Bag = bag;
        Owner = owner;
        Path = path;
    }

    public JsonObject Node { get; }

    public SourceMap Map { get; }

    public DiagnosticBag Bag { get; }

    /// <summary>The resource the mapping belongs to, for messages, e.g. <c>Cluster "edge-1"</c>.</summary>
    public string Owner { get; set; }

    /// <summary>Dotted path of this mapping in the resource, e.g. <c>spec.layers[0]</c>.</summary>
    public string Path { get; }

    public SourceLocation Location => Map.Of(Node);

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public SourceLocation At(string key) => Map.OfValue(Node, key);

    public void Error(string key, string code, string message) => Bag.Add(At(key), code, $"{Owner}: {message}");

    public bool Has(string key)
    {
        _known.Add(key);
        return Node.ContainsKey(key) && Node[key] is not null;
    }

    /// <summary>Reports every field that no getter asked for.</summary>
    public void Done()
    {
        foreach (var (key, _) in Node)
        {
            if (!_known.Contains(key))
            {
                Bag.Add(Map.OfKey(Node, key), "UnknownField",
                    $"{Owner}: unknown field \"{FieldPath(key)}\"{Suggestions.DidYouMean(key, _known)}");
            }
        }
    }

    public string? String(string key, bool required = false)
    {
        if (!Has(key))
        {
            return Missing(key, required);
        }
        if (Node[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Length == 0 && required)
            {
                Error(key, "RequiredField", $"{FieldPath(key)} must not be empty");
                return null;
            }
            return text;
        }
        Error(key, "InvalidType", $"{FieldPath(key)} must be a string, not {Describe(Node[key])}");
        return null;
    }

    /// <summary>A string that must be a DNS-1123 label (a name of something).</summary>
    public string? Name(string key, bool required = false)
    {
        var name = String(key, required);
        if (name is not null && !Names.IsDns1123Label(name))
        {
            Error(key, "InvalidName", $"{FieldPath(key)} \"{name}\" is not a valid name: {Names.Dns1123Rule}");
            return null;
        }
        return name;
    }

    public bool? Bool(string key)
    {
        if (!Has(key))
        {
            return null;
        }
        if (Node[key] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        Error(key, "InvalidType", $"{FieldPath(key)} must be true or false, not {Describe(Node[key])}");
        return null;
    }

    public int? Int(string key, int min, int max, bool required = false)
    {
        if (!Has(key))
        {
            Missing(key, required);
            return null;
        }
        if (Node[key] is JsonValue value && value.TryGetValue<long>(out var number) && number >= min && number <= max)
        {
            return (int)number;
        }
        Error(key, "InvalidValue", $"{FieldPath(key)} must be a whole number from {min} to {max}, not {Describe(Node[key])}");
        return null;
    }

    /// <summary>An enum written in lower case, or as its exact name when <paramref name="pascalCase"/> (Kubernetes kinds).</summary>
    public TEnum? Enum<TEnum>(string key, bool required = false, bool pascalCase = false)
        where TEnum : struct, Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }
        var allowed = System.Enum.GetNames<TEnum>().Select(n => pascalCase ? n : n.ToLowerInvariant()).ToList();
        if (allowed.Contains(text, StringComparer.Ordinal) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed))
        {
            return parsed;
        }
        Error(key, "InvalidValue",
            $"{FieldPath(key)} \"{text}\" must be one of {string.Join(", ", allowed)}{Suggestions.DidYouMean(text, allowed)}");
        return null;
    }

    private string? Missing(string key, bool required)
    {
        if (required)
        {
            Bag.Add(Location, "RequiredField", $"{Owner}: {FieldPath(key)} is required");
        }
        return null;
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{v.GetValue<string>()}\"",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            _ => $"the number {v.ToJsonString()}",
        },
        _ => "a value",
    };
}
