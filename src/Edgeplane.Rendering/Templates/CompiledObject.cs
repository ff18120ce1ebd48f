using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// A source object compiled once into canonical JSON segments with holes for what changes per cluster (variables,
/// cluster name, revision, default namespace). Immutable and shared by every render.
/// </summary>
internal sealed class CompiledObject
{
    private readonly string _apiVersion = "";
    private readonly string _kind = "";

    public required string ApiVersion
    {
        get => _apiVersion;
        init
        {
            _apiVersion = value;
            Group = value.Contains('/', StringComparison.Ordinal) ? value[..value.IndexOf('/', StringComparison.Ordinal)] : "";
        }
    }

    public required string Kind
    {
        get => _kind;
        init
        {
            _kind = value;
            KindRank = KindOrder.Rank(value);
        }
    }

    /// <summary>API group ("" for core).</summary>
    public string Group { get; private init; } = "";

    public required string Name { get; init; }

    public StringTemplate? NameTemplate { get; init; }

    /// <summary>The namespace as written, or null.</summary>
    public string? Namespace { get; init; }

    public StringTemplate? NamespaceTemplate { get; init; }

    /// <summary>The namespace given to it if its kind is namespaced and it names none.</summary>
    public string? DefaultNamespace { get; init; }

    public required Segment[] Segments { get; init; }

    public CrdInfo? Crd { get; init; }

    /// <summary>For a Flux HelmRelease or Kustomization, the fields that decide as whom and where Flux acts.</summary>
    public FluxFields? Flux { get; init; }

    /// <summary>For a workspace's object, what the render-time policy checks (pod specs, RBAC); null for the platform's.</summary>
    public PolicyFields? Policy { get; init; }

    /// <summary>Where the object was written (or the source that produced it).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Apply-order rank of the kind inside its unit.</summary>
    public int KindRank { get; private init; }

    /// <summary>
    /// For a ConfigMap or Secret: the bytes of data known when compiling (values with variables are counted per
    /// cluster); null for every other kind.
    /// </summary>
    public long? DataBytes { get; init; }

    /// <summary>Where the data of a ConfigMap or Secret is written (or the object, when that is not known).</summary>
    public SourceLocation DataLocation { get; init; }

    /// <summary>Position in its source, for a stable order.</summary>
    public required int Index { get; init; }
}
