using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Edgeplane.KubeSim.Json;

/// <summary>Converts one YAML document (as the API server accepts for application/yaml and apply-patch+yaml) into JSON nodes.</summary>
internal static partial class YamlJson
{
    /// <summary>Anchors/aliases are refused: Kubernetes manifests do not need them and they allow "billion laughs".</summary>
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"expected exactly one YAML document, found {stream.Documents.Count}");
        }
        return Convert(stream.Documents[0].RootNode, 0);
    }

    private static JsonNode? Convert(YamlNode node, int depth)
    {
        if (depth > JsonUtil.MaxDepth)
        {
            throw new FormatException($"YAML nesting deeper than {JsonUtil.MaxDepth}");
        }
        return node switch
        {
            YamlMappingNode map => ConvertMap(map, depth),
            YamlSequenceNode seq => JsonUtil.ToArray(seq.Children.Select(c => Convert(c, depth + 1))),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new FormatException($"YAML aliases are not supported (line {node.Start.Line})"),
        };
    }

    private static JsonObject ConvertMap(YamlMappingNode map, int depth)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new FormatException($"YAML map keys must be scalars (line {key.Start.Line})");
            if (result.ContainsKey(name))
            {
                throw new FormatException($"duplicate YAML key \"{name}\" at line {key.Start.Line}");
            }
            result[name] = Convert(value, depth + 1);
        }
        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(value);
    }

    // YAML 1.2 core schema float (without .inf/.nan, which JSON cannot carry).
    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex FloatPattern();
}
