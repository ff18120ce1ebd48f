using System.Collections.Concurrent;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Objects;
using k8s.Models;

namespace Edgeplane.Kubernetes.Discovery;

/// <summary>
/// Maps apiVersion + kind to the served resource through discovery. Each group-version is fetched once and kept;
/// a kind that is not in the cached list triggers one refetch of that group-version (a CRD may just have become
/// Established), and only then is it unknown. Concurrent lookups of one group-version share a fetch.
/// </summary>
public sealed class DiscoveryCache
{
    private readonly KubeApi _api;
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, ResourceMapping>>> _groupVersions = new(StringComparer.Ordinal);

    internal DiscoveryCache(KubeApi api) => _api = api;

    /// <summary>The resource serving <paramref name="kind"/> in <paramref name="apiVersion"/>.</summary>
    /// <exception cref="KubeApiException">Reason UnknownKind when the server does not serve it, or the discovery call failed.</exception>
    public async Task<ResourceMapping> ResolveAsync(string apiVersion, string kind, ObjectRef? obj, CancellationToken cancellationToken)
    {
        return await TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
            ?? throw new KubeApiException("discover", obj, 404, KubeApiException.Reasons.UnknownKind,
                $"the server does not serve kind {kind} in {apiVersion} (is its CustomResourceDefinition applied and Established?)");
    }

    /// <summary>Like <see cref="ResolveAsync"/> but null when the kind is not served.</summary>
    public async Task<ResourceMapping?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        // Fetches are shared between callers, so no one caller's cancellation may end them; each attempt still has its timeout.
        var seen = _groupVersions.GetOrAdd(apiVersion, gv => FetchAsync(gv, CancellationToken.None));
        var kinds = await AwaitOrForgetAsync(apiVersion, seen).ConfigureAwait(false);
        if (kinds.TryGetValue(kind, out var mapping))
        {
            return mapping;
        }
        // A miss refreshes once; whoever swaps first fetches, the others await the same fetch.
        var fresh = FetchAsync(apiVersion, CancellationToken.None);
        var current = _groupVersions.AddOrUpdate(apiVersion, fresh, (_, existing) => existing == seen ? fresh : existing);
        kinds = await AwaitOrForgetAsync(apiVersion, current).ConfigureAwait(false);
        return kinds.GetValueOrDefault(kind);
    }

    /// <summary>Every namespaced kind that can be listed, in each group's preferred version (not cached: used rarely).</summary>
    public async Task<IReadOnlyList<ResourceMapping>> ListNamespacedAsync(CancellationToken cancellationToken)
    {
        var groupVersions = new List<string> { "v1" };
        var groups = await _api.GetGroupsAsync(cancellationToken).ConfigureAwait(false);
        groupVersions.AddRange((groups.Groups ?? []).Select(g => g.PreferredVersion?.GroupVersion ?? g.Versions[0].GroupVersion));
        var result = new List<ResourceMapping>();
        foreach (var groupVersion in groupVersions)
        {
            var list = await _api.GetResourcesAsync(ObjectJson.GroupOf(groupVersion), ObjectJson.VersionOf(groupVersion), cancellationToken)
                .ConfigureAwait(false);
            result.AddRange(Mappings(groupVersion, list).Where(m => m.Mapping.Namespaced && m.Listable).Select(m => m.Mapping));
        }
        return result;
    }

    /// <summary>Forgets everything, e.g. after CRDs were removed.</summary>
    public void Invalidate() => _groupVersions.Clear();

    private async Task<IReadOnlyDictionary<string, ResourceMapping>> AwaitOrForgetAsync(string groupVersion,
        Task<IReadOnlyDictionary<string, ResourceMapping>> fetch)
    {
        try
        {
            return await fetch.ConfigureAwait(false);
        }
        catch
        {
            // A failed fetch must not be cached; the next lookup tries again.
            _groupVersions.TryRemove(new KeyValuePair<string, Task<IReadOnlyDictionary<string, ResourceMapping>>>(groupVersion, fetch));
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, ResourceMapping>> FetchAsync(string groupVersion, CancellationToken cancellationToken)
    {
        var list = await _api.GetResourcesAsync(ObjectJson.GroupOf(groupVersion), ObjectJson.VersionOf(groupVersion), cancellationToken)
            .ConfigureAwait(false);
        var byKind = new Dictionary<string, ResourceMapping>(StringComparer.Ordinal);
        foreach (var (mapping, _) in Mappings(groupVersion, list))
        {
            byKind.TryAdd(mapping.Kind, mapping);
        }
        return byKind;
    }

    private static IEnumerable<(ResourceMapping Mapping, bool Listable)> Mappings(string groupVersion, V1APIResourceList? list) =>
        (list?.Resources ?? [])
            .Where(r => !r.Name.Contains('/', StringComparison.Ordinal))
            .Select(r => (new ResourceMapping(ObjectJson.GroupOf(groupVersion), ObjectJson.VersionOf(groupVersion), r.Kind, r.Name, r.Namespaced),
                r.Verbs?.Contains("list") ?? false));
}
