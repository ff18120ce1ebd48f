using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// Compiles one Kubernetes object into <see cref="CompiledObject"/>: adds the ownership labels and annotations, then
/// writes it canonically, cutting a hole wherever a value changes per cluster. Refuses an object whose fixed part is
/// already over <see cref="LoadLimits.MaxObjectBytes"/>, or a ConfigMap or Secret whose fixed data is over
/// <see cref="LoadLimits.MaxConfigDataBytes"/> (what variables add is counted per cluster by <see cref="BundleWriter"/>).
/// Not thread-safe; use one per compile.
/// </summary>
internal sealed partial class ObjectCompiler
{
    private readonly ByteBuffer _buffer = new(8 * 1024);
    private readonly List<Segment> _segments = [];
    private readonly Dictionary<JsonNode, SegmentKind> _markers = new(ReferenceEqualityComparer.Instance);
    private readonly List<Diagnostic> _errors;
    private readonly LoadLimits _limits;
    private SourceMap? _map;
    private SourceLocation _fallback;

    public ObjectCompiler(List<Diagnostic> errors, LoadLimits limits)
    {
        _errors = errors;
        _limits = limits;
    }

    /// <summary>The workspace whose objects this compiles, written as the <c>edgeplane.dev/workspace</c> label; null for the platform's.</summary>
    public string? Workspace { get; init; }

    /// <summary>
    /// For the objects of a ClusterTemplate, the deletion policy of the cluster they provision: every object is annotated
    /// with it, and the Cluster API <c>Cluster</c> is labelled with the provisioned cluster's name (see
    /// <see cref="ProvisioningContract"/>). Null for every other source.
    /// </summary>
    public DeletionPolicy? Provisioned { get; init; }

    /// <summary>
    /// Compiles <paramref name="obj"/> (which it changes). <paramref name="source"/> is <c>Kind/name</c> of the fleet
    /// resource that produced it. Returns null, with an error, if the object lacks apiVersion, kind or metadata.name.
    /// </summary>
    public CompiledObject? Compile(JsonObject obj, string source, string? defaultNamespace, SourceMap? map, SourceLocation fallback, int index)
    {
        _map = map;
        _fallback = fallback;
        var at = map?.Of(obj) is { Line: > 0 } located ? located : fallback;
        var apiVersion = Text(obj["apiVersion"]);
        var kind = Text(obj["kind"]);
        var metadata = obj["metadata"] as JsonObject;
        var name = metadata is null ? null : Text(metadata["name"]);
        if (apiVersion is null || kind is null || name is null)
        {
            _errors.Add(new Diagnostic(at, $"{source}: a manifest needs apiVersion, kind and metadata.name (strings)", "InvalidManifest"));
            return null;
        }
        var ns = Text(metadata!["namespace"]);
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var what = $"{source}: {kind} \"{(ns is null ? name : $"{ns}/{name}")}\"";
        if (!MeasureData(obj, apiVersion, kind, what, at, out var data, out var dataAt))
        {
            return null;
        }
        AddOwnership(metadata, source, ns is null ? defaultNamespace : null, at, group, kind);
        if (!WalkWithinLimit(obj, what, at))
        {
            return null;
        }
        return new CompiledObject
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = name,
            NameTemplate = Template(name),
            Namespace = ns,
            NamespaceTemplate = ns is null ? null : Template(ns),
            DefaultNamespace = ns is null ? defaultNamespace : null,
            Segments = [.. _segments],
            Crd = kind == "CustomResourceDefinition" && apiVersion.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal) ? CrdOf(obj) : null,
            Flux = FluxFields.Read(group, kind, obj),
            Policy = Workspace is null ? null : PolicyFields.Read(group, kind, obj),
            Location = at,
            DataBytes = data,
            DataLocation = dataAt,
            Index = index,
        };
    }

    private void AddOwnership(JsonObject metadata, string source, string? defaultNamespace, SourceLocation at, string group, string kind)
    {
        var labels = Mapping(metadata, "labels", at);
        var annotations = Mapping(metadata, "annotations", at);
        labels["app.kubernetes.io/managed-by"] = "edgeplane";
        labels["edgeplane.dev/cluster"] = Marker(SegmentKind.ClusterName);
        labels["edgeplane.dev/bundle"] = Marker(SegmentKind.ClusterName);
        if (Workspace is not null)
        {
            labels["edgeplane.dev/workspace"] = Workspace;
        }
        annotations["edgeplane.dev/source"] = source;
        annotations["edgeplane.dev/source-revision"] = Marker(SegmentKind.Revision);
        if (Provisioned is { } policy)
        {
            annotations[ProvisioningContract.DeletionPolicyAnnotation] = policy.ToString();
            if (group == ProvisioningContract.ClusterApiGroup && kind == "Cluster")
            {
                // A variable, not the cluster-name hole: that hole is the bundle's cluster (the management cluster), while
                // template objects are rendered in the scope of the cluster they provision.
                labels[ProvisioningContract.ClusterLabel] = "${cluster.name}";
            }
        }
        if (defaultNamespace is not null && !BuiltinKinds.IsClusterScoped(group, kind))
        {
            metadata["namespace"] = Marker(SegmentKind.DefaultNamespace, defaultNamespace);
        }
    }

    private JsonObject Mapping(JsonObject metadata, string key, SourceLocation at)
    {
        if (metadata[key] is JsonObject existing)
        {
            return existing;
        }
        if (metadata[key] is not null)
        {
            _errors.Add(new Diagnostic(at, $"metadata.{key} must be a mapping", "InvalidManifest"));
        }
        var created = new JsonObject();
        metadata[key] = created;
        return created;
    }

    private JsonValue Marker(SegmentKind kind, string text = "")
    {
        var marker = JsonValue.Create(text);
        _markers[marker] = kind;
        return marker;
    }

    private void Walk(JsonNode? node)
    {
        WalkNode(node);
        if (_flushed + _buffer.Length > _limits.MaxObjectBytes)
        {
            throw new ObjectTooLargeException();
        }
    }

    private void WalkNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                WalkObject(obj);
                break;
            case JsonArray array:
                _buffer.Write((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        _buffer.Write((byte)',');
                    }
                    Walk(array[i]);
                }
                _buffer.Write((byte)']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WalkString(value);
                break;
            case JsonValue value:
                CanonicalJson.WriteValue(_buffer, value);
                break;
            default:
                _buffer.Write("null"u8);
                break;
        }
    }

    private void WalkObject(JsonObject obj)
    {
        _buffer.Write((byte)'{');
        var first = true;
        foreach (var (key, value) in CanonicalJson.SortedEntries(obj))
        {
            if (value is not null && _markers.TryGetValue(value, out var kind) && kind is SegmentKind.Revision or SegmentKind.DefaultNamespace)
            {
                // Optional entries are never first in their mapping (edgeplane.dev/source and name sort before them).
                Flush();
                using var entry = new ByteBuffer(128);
                entry.Write((byte)',');
                CanonicalJson.WriteString(entry, key);
                entry.Write((byte)':');
                if (kind == SegmentKind.DefaultNamespace)
                {
                    CanonicalJson.WriteString(entry, ((JsonValue)value).GetValue<string>());
                }
                _segments.Add(new Segment(kind, entry.Written.ToArray(), null, _fallback));
                continue;
            }
            if (!first)
            {
                _buffer.Write((byte)',');
            }
            first = false;
            CanonicalJson.WriteString(_buffer, key);
            _buffer.Write((byte)':');
            Walk(value);
        }
        _buffer.Write((byte)'}');
    }

    private void WalkString(JsonValue value)
    {
        if (_markers.TryGetValue(value, out var kind))
        {
            Flush();
            _segments.Add(new Segment(kind, null, null, _fallback));
            return;
        }
        var text = value.GetValue<string>();
        var at = _map?.Of(value) is { Line: > 0 } located ? located : _fallback;
        var template = StringTemplate.Parse(text, out var literal, out var error, _map?.IsQuoted(value) == true);
        if (error is not null)
        {
            _errors.Add(new Diagnostic(at, error, "InvalidVariable"));
        }
        if (template is null)
        {
            CanonicalJson.WriteString(_buffer, literal);
            return;
        }
        Flush();
        var data = _dataValues.Count > 0 && _dataValues.TryGetValue(value, out var encoding) ? encoding : DataEncoding.None;
        _segments.Add(new Segment(SegmentKind.Variable, null, template, at, data));
    }

    private void Flush()
    {
        if (_buffer.Length > 0)
        {
            _flushed += _buffer.Length;
            _segments.Add(new Segment(SegmentKind.Literal, _buffer.Written.ToArray(), null, _fallback));
            _buffer.Clear();
        }
    }

    private static StringTemplate? Template(string text) => StringTemplate.Parse(text, out _, out _);

    private static CrdInfo? CrdOf(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var group = Text(spec?["group"]);
        var kind = Text((spec?["names"] as JsonObject)?["kind"]);
        return group is null || kind is null ? null : new CrdInfo(group, kind, Text(spec!["scope"]) == "Cluster");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
