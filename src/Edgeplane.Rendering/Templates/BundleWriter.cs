using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// Writes one bundle document canonically into a reused buffer, filling each object's holes, and remembers the byte
/// ranges that the content digest leaves out (revision entries). Not thread-safe: one per thread.
/// </summary>
internal sealed class BundleWriter : IDisposable
{
    private readonly ByteBuffer _buffer = new(256 * 1024);
    private readonly List<(int Start, int Length)> _excluded = [];
    private readonly StringBuilder _text = new();
    private int _objects;

    public ByteBuffer Buffer => _buffer;

    public IReadOnlyList<(int Start, int Length)> Excluded => _excluded;

    /// <summary>Starts <c>{"apiVersion":…,"kind":"Bundle","metadata":{"name":…},"spec":{"drift":…,"objects":[</c>.</summary>
    public void Begin(byte[] clusterNameJson, string drift)
    {
        _buffer.Clear();
        _excluded.Clear();
        _objects = 0;
        _buffer.Write("{\"apiVersion\":\"edgeplane.dev/v1alpha1\",\"kind\":\"Bundle\",\"metadata\":{\"name\":"u8);
        _buffer.Write(clusterNameJson);
        _buffer.Write("},\"spec\":{\"drift\":"u8);
        CanonicalJson.WriteString(_buffer, drift);
        _buffer.Write(",\"objects\":["u8);
    }

    /// <summary>Ends the document: <c>],"prune":…,"revision":…}}</c>, the revision entry excluded from the content digest.</summary>
    public void End(bool prune, byte[] revisionJson)
    {
        _buffer.Write(prune ? "],\"prune\":true"u8 : "],\"prune\":false"u8);
        var start = _buffer.Length;
        _buffer.Write(",\"revision\":"u8);
        _buffer.Write(revisionJson);
        _excluded.Add((start, _buffer.Length - start));
        _buffer.Write("}}"u8);
    }

    /// <summary>Writes one object; returns its byte range. Problems (unknown variables) go to <paramref name="errors"/>.</summary>
    public (int Start, int Length) WriteObject(CompiledObject obj, VariableScope scope, byte[] clusterNameJson, byte[] revisionJson,
        bool clusterScoped, string describe, List<Diagnostic> errors)
    {
        if (_objects++ > 0)
        {
            _buffer.Write((byte)',');
        }
        var start = _buffer.Length;
        foreach (var segment in obj.Segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    _buffer.Write(segment.Bytes);
                    break;
                case SegmentKind.ClusterName:
                    _buffer.Write(clusterNameJson);
                    break;
                case SegmentKind.Revision:
                    var at = _buffer.Length;
                    _buffer.Write(segment.Bytes);
                    _buffer.Write(revisionJson);
                    _excluded.Add((at, _buffer.Length - at));
                    break;
                case SegmentKind.DefaultNamespace:
                    if (!clusterScoped)
                    {
                        _buffer.Write(segment.Bytes);
                    }
                    break;
                default:
                    WriteVariable(segment, scope, describe, errors);
                    break;
            }
        }
        return (start, _buffer.Length - start);
    }

    private void WriteVariable(Segment segment, VariableScope scope, string describe, List<Diagnostic> errors)
    {
        var template = segment.Template!;
        if (template.IsWhole)
        {
            var node = Resolve(template.Parts[0].Variable!, segment, scope, describe, errors);
            CanonicalJson.Write(_buffer, node);
            return;
        }
        CanonicalJson.WriteString(_buffer, Substitute(template, scope, segment, describe, errors));
    }

    /// <summary>Substitutes a template inside a longer string; values must be scalars there.</summary>
    public string Substitute(StringTemplate template, VariableScope scope, Segment segment, string describe, List<Diagnostic> errors)
    {
        _text.Clear();
        foreach (var part in template.Parts)
        {
            if (part.Literal is not null)
            {
                _text.Append(part.Literal);
                continue;
            }
            switch (Resolve(part.Variable!, segment, scope, describe, errors))
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
                        $"{describe}: variable \"${{{part.Variable}}}\" is a {(other is JsonArray ? "list" : "mapping")}; only a whole value can be a mapping or list, not part of \"{template.Raw}\"",
                        "InvalidVariable"));
                    break;
            }
        }
        return _text.ToString();
    }

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

    public void Dispose() => _buffer.Dispose();
}
