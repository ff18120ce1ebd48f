using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// One object during a build, with the bookkeeping kustomize keeps in internal annotations: the ids it had before
/// renames (for name references and patch targets), the prefixes and suffixes applied, and generator state.
/// </summary>
internal sealed class KustomizeResource
{
    private Gvk _gvk;
    private string? _gvkApiVersion, _gvkKind;

    public KustomizeResource(JsonObject node, SourceLocation origin)
    {
        Node = node;
        Origin = origin;
    }

    /// <summary>The object itself; transformations change it in place.</summary>
    public JsonObject Node { get; set; }

    /// <summary>Where the object was declared (its document, or the generator entry).</summary>
    public SourceLocation Origin { get; }

    /// <summary>Ids before each rename, oldest first, with effective namespaces (kustomize's previousNames annotation).</summary>
    public List<ResId> PreviousIds { get; private init; } = [];

    /// <summary>Non-empty name prefixes applied, innermost kustomization first.</summary>
    public List<string> Prefixes { get; private init; } = [];

    /// <summary>Non-empty name suffixes applied, innermost kustomization first.</summary>
    public List<string> Suffixes { get; private init; } = [];

    /// <summary>For generated objects: how they meet an existing object with the same id.</summary>
    public GeneratorBehavior Behavior { get; set; }

    /// <summary>True for generated objects whose name gets the content hash at the end of the top-level build.</summary>
    public bool NeedsHash { get; set; }

    /// <summary>
    /// True once kustomize would have written one of its internal build annotations on the object (renames,
    /// generators, being the target of a name reference); decides whether an empty annotations map survives.
    /// </summary>
    public bool HasBuildAnnotations { get; set; }

    /// <summary>The id from the object's current apiVersion, kind, name and namespace.</summary>
    public ResId CurrentId => new(Gvk, Name, Namespace);

    /// <summary>The id the object was declared with (kustomize's <c>OrgId</c>).</summary>
    public ResId OriginalId => PreviousIds.Count > 0 ? PreviousIds[0] : CurrentId;

    /// <summary>The current Gvk; parsed once per distinct apiVersion and kind value.</summary>
    public Gvk Gvk
    {
        get
        {
            var apiVersion = ObjectFields.GetString(Node, "apiVersion");
            var kind = Kind;
            if (!ReferenceEquals(apiVersion, _gvkApiVersion) || !ReferenceEquals(kind, _gvkKind))
            {
                (_gvk, _gvkApiVersion, _gvkKind) = (Gvk.From(apiVersion, kind), apiVersion, kind);
            }
            return _gvk;
        }
    }

    public string Kind => ObjectFields.GetString(Node, "kind");

    public string Name => ObjectFields.GetMetadataString(Node, "name");

    public string Namespace => ObjectFields.GetMetadataString(Node, "namespace");

    /// <summary>All ids the object has had, previous ones first, then the current one.</summary>
    public IEnumerable<ResId> AllIds()
    {
        foreach (var id in PreviousIds)
        {
            yield return id;
        }
        yield return CurrentId;
    }

    /// <summary>Records the current id before a rename or a namespace change.</summary>
    public void StorePreviousId()
    {
        var id = CurrentId;
        PreviousIds.Add(id with { Namespace = id.EffectiveNamespace });
        HasBuildAnnotations = true;
    }

    /// <summary>A deep copy, bookkeeping included, so cached build results stay untouched.</summary>
    public KustomizeResource Clone() => new((JsonObject)Node.DeepClone(), Origin)
    {
        PreviousIds = [.. PreviousIds],
        Prefixes = [.. Prefixes],
        Suffixes = [.. Suffixes],
        Behavior = Behavior,
        NeedsHash = NeedsHash,
        HasBuildAnnotations = HasBuildAnnotations,
    };
}
