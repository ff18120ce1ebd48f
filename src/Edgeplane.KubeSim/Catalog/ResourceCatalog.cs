using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Edgeplane.KubeSim.Catalog;

/// <summary>
/// Immutable snapshot of every kind a virtual cluster serves (built-ins + CRDs). A CRD change builds a new
/// snapshot and swaps it whole, so readers never lock. Rendered discovery/OpenAPI documents are cached per snapshot;
/// clusters without CRDs share <see cref="Builtin"/> and therefore its cache.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly FrozenDictionary<(string Group, string Version, string Plural), ResourceType> _byResource;
    private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

    private ResourceCatalog(IReadOnlyList<ResourceType> builtins, FrozenDictionary<string, ResourceType[]> crds)
    {
        Crds = crds;
        All = [.. builtins, .. crds.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value)];
        _byResource = All.ToFrozenDictionary(t => (t.Group, t.Version, t.Plural));
        GroupVersions = All.GroupBy(t => t.GroupVersion).Select(g => g.Key).ToList();
        Groups = All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group)
            .Select(g => new ApiGroupInfo(g.Key, g.Select(t => t.Version).Distinct().ToList())).ToList();
    }

    public static ResourceCatalog Builtin { get; } =
        new(BuiltinCatalog.All, FrozenDictionary<string, ResourceType[]>.Empty);

    /// <summary>Every served type, built-ins first, then CRD kinds ordered by CRD name.</summary>
    public IReadOnlyList<ResourceType> All { get; }

    /// <summary>CRD name → the types it serves (one per served version).</summary>
    public FrozenDictionary<string, ResourceType[]> Crds { get; }

    public IReadOnlyList<string> GroupVersions { get; }

    /// <summary>Named groups (not core) in discovery order, with versions (the first one preferred).</summary>
    public IReadOnlyList<ApiGroupInfo> Groups { get; }

    public ResourceType? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    public ResourceType? FindKind(string group, string kind) =>
        All.FirstOrDefault(t => t.Group == group && t.Kind == kind);

    public IEnumerable<ResourceType> InGroupVersion(string groupVersion) => All.Where(t => t.GroupVersion == groupVersion);

    /// <summary>The type objects of a resource are stored under in this version (any served version of the key).</summary>
    public ResourceType? AnyVersion(ResourceKey key) => All.FirstOrDefault(t => t.Key == key);

    public ResourceCatalog WithCrd(string crdName, ResourceType[] types)
    {
        var crds = Crds.ToDictionary(StringComparer.Ordinal);
        crds[crdName] = types;
        return new ResourceCatalog(BuiltinCatalog.All, crds.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public ResourceCatalog WithoutCrd(string crdName)
    {
        var crds = Crds.Where(c => c.Key != crdName).ToDictionary(StringComparer.Ordinal);
        return crds.Count == 0 ? Builtin : new ResourceCatalog(BuiltinCatalog.All, crds.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Returns the cached rendering of a document of this snapshot, rendering it once.</summary>
    public byte[] Document(string key, Func<ResourceCatalog, byte[]> render) =>
        _documents.GetOrAdd(key, static (_, state) => state.render(state.self), (render, self: this));
}
