using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// The objects accumulated so far, in order, with kustomize's id rules (its <c>ResMap</c>), and a budget: everything
/// that adds objects or makes them bigger first declares at least how many bytes of JSON it adds (<see cref="Grow"/>),
/// so a build that would pass <see cref="MaxBytes"/> stops before it builds the copies. This is what bounds bases used
/// many times (each use doubles, level after level), patches applied to many objects and JSON patch copies.
/// </summary>
internal sealed class ResourceList(long maxBytes)
{
    private readonly List<KustomizeResource> _items = [];

    public IReadOnlyList<KustomizeResource> Items => _items;

    public int Count => _items.Count;

    /// <summary>The most bytes of JSON the objects may hold (<c>LoadLimits.MaxBundleBytes</c>: one build lands in one bundle).</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>At least how many bytes of JSON the objects hold: what was declared, never measured again.</summary>
    public long Bytes { get; private set; }

    /// <summary>Declares <paramref name="bytes"/> more, before they are built; over <see cref="MaxBytes"/> is an error at <paramref name="at"/>.</summary>
    public void Grow(long bytes, SourceLocation at)
    {
        Bytes += bytes;
        if (Bytes > MaxBytes)
        {
            throw KustomizeException.At(at, "LimitExceeded",
                $"the objects of this kustomize build would be more than {ByteSizes.Describe(MaxBytes)} of JSON: it exceeds the bundle limit (MaxBundleBytes), which bounds one build");
        }
    }

    /// <summary>Adds an object of <paramref name="bytes"/>; an object with the same current id already present is an error.</summary>
    public void Append(KustomizeResource resource, long bytes, SourceLocation at) => AppendAll([resource], bytes, at);

    /// <summary>
    /// Adds objects in order, declaring their <paramref name="bytes"/> first (so lazily made copies are not made over the
    /// budget); any of them whose current id is already present is an error.
    /// </summary>
    public void AppendAll(IEnumerable<KustomizeResource> resources, long bytes, SourceLocation at)
    {
        Grow(bytes, at);
        var seen = _items.Select(r => Key(r.CurrentId)).ToHashSet();
        foreach (var resource in resources)
        {
            var id = resource.CurrentId;
            if (!seen.Add(Key(id)))
            {
                throw KustomizeException.At(at, "DuplicateResource", $"may not add resource with an already registered id: {id}");
            }
            _items.Add(resource);
        }
    }

    private static (Gvk, string, string) Key(ResId id) => (id.Gvk, id.Name, id.EffectiveNamespace);

    /// <summary>Objects any of whose ids (previous or current) satisfies <paramref name="match"/>.</summary>
    public List<KustomizeResource> MatchingAnyId(Func<ResId, bool> match) =>
        _items.FindAll(r => r.AllIds().Any(match));

    public List<KustomizeResource> MatchingCurrentId(Func<ResId, bool> match) => _items.FindAll(r => match(r.CurrentId));

    public void Replace(KustomizeResource old, KustomizeResource replacement) => _items[_items.IndexOf(old)] = replacement;

    public void RemoveAll(Predicate<KustomizeResource> match) => _items.RemoveAll(match);

    /// <summary>Puts the objects in a new order (used by sorting).</summary>
    public void Reorder(IEnumerable<KustomizeResource> ordered)
    {
        var list = ordered.ToList();
        _items.Clear();
        _items.AddRange(list);
    }

    /// <summary>
    /// The one object an untargeted strategic merge patch addresses by its own id (kustomize's <c>GetById</c>): any of
    /// an object's ids must match exactly, namespace included.
    /// </summary>
    public KustomizeResource GetById(ResId id, SourceLocation at)
    {
        var found = MatchingAnyId(id.Matches);
        return found.Count switch
        {
            1 => found[0],
            0 => throw KustomizeException.At(at, "PatchTargetNotFound", $"no resource matches the patch target {id}"),
            _ => throw KustomizeException.At(at, "PatchTargetAmbiguous",
                $"{found.Count} resources match the patch target {id}: {string.Join(", ", found.Select(r => r.CurrentId))}"),
        };
    }
}
