using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Templates;

internal sealed partial class BundleWriter
{
    private readonly StringBuilder _text = new();

    // Set when a substitution passed the object limit (and was reported): the object being written stops.
    private bool _overflow;

    /// <summary>Fills one hole; returns the bytes of ConfigMap or Secret data it wrote (0 unless the segment is data).</summary>
    private long WriteVariable(Segment segment, VariableScope scope, string describe, List<Diagnostic> errors)
    {
        var template = segment.Template!;
        if (template.IsWhole)
        {
            var node = Resolve(template.Parts[0].Variable!, segment, scope, describe, errors);
            var start = _buffer.Length;
            CanonicalJson.Write(_buffer, node);
            return segment.Data == DataEncoding.None ? 0
                : node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? ConfigData.Bytes(v.GetValue<string>(), segment.Data)
                : _buffer.Length - start;
        }
        var text = Substitute(template, scope, segment, describe, errors);
        CanonicalJson.WriteString(_buffer, text);
        return segment.Data == DataEncoding.None ? 0 : ConfigData.Bytes(text, segment.Data);
    }

    /// <summary>
    /// Substitutes a template inside a longer string; values must be scalars there. Text longer than the object limit is
    /// refused (reported at the string, and "" returned) as soon as it gets there.
    /// </summary>
    public string Substitute(StringTemplate template, VariableScope scope, Segment segment, string describe, List<Diagnostic> errors)
    {
        _text.Clear();
        foreach (var part in template.Parts)
        {
            if (part.Literal is not null)
            {
                _text.Append(part.Literal);
            }
            else
            {
                AppendValue(part.Variable!, template, scope, segment, describe, errors);
            }
            if (_text.Length > Limits.MaxObjectBytes)
            {
                _overflow = true;
                errors.Add(new Diagnostic(segment.Location,
                    $"{describe}: \"{Shorten(template.Raw)}\" expands to more than {ByteSizes.Describe(Limits.MaxObjectBytes)}: it exceeds the object limit (MaxObjectBytes)",
                    "LimitExceeded"));
                return "";
            }
        }
        return _text.ToString();
    }

    private void AppendValue(string variable, StringTemplate template, VariableScope scope, Segment segment, string describe, List<Diagnostic> errors)
    {
        switch (Resolve(variable, segment, scope, describe, errors))
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                _text.Append(v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                _text.Append(CanonicalJson.FormatNumber(v));
                break;
            case JsonValue v:
                _text.Append(v.GetValueKind() == JsonValueKind.True ? "true" : "false");
                break;
            case JsonNode other:
                errors.Add(new Diagnostic(segment.Location,
                    $"{describe}: variable \"${{{variable}}}\" is a {(other is JsonArray ? "list" : "mapping")}; only a whole value can be a mapping or list, not part of \"{template.Raw}\"",
                    "InvalidVariable"));
                break;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static JsonNode? Resolve(string name, Segment segment, VariableScope scope, string describe, List<Diagnostic> errors)
    {
        if (scope.TryResolve(name, out var value))
        {
            return value;
        }
        errors.Add(new Diagnostic(segment.Location,
            $"{describe}: unknown variable \"${{{name}}}\"{Suggestions.DidYouMean(name, scope.KnownNames())}", "UnknownVariable"));
        return null;
    }
}
