using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Storage;

/// <summary>
/// The objects of one virtual cluster, per resource in key order. Not thread-safe: the owning
/// <see cref="Clusters.VirtualCluster"/> serializes access with its lock.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<ResourceKey, SortedDictionary<string, StoredObject>> _tables = [];

    public int Count { get; private set; }

    public StoredObject? Get(ResourceKey resource, string? ns, string name) =>
        _tables.TryGetValue(resource, out var table) && table.TryGetValue(StoreKeys.For(ns, name), out var obj) ? obj : null;

    public void Put(ResourceKey resource, StoredObject obj)
    {
        if (!_tables.TryGetValue(resource, out var table))
        {
            table = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _tables[resource] = table;
        }
        var key = obj.StoreKey;
        if (!table.ContainsKey(key))
        {
            Count++;
        }
        table[key] = obj;
    }

    public bool Remove(ResourceKey resource, string? ns, string name)
    {
        if (_tables.TryGetValue(resource, out var table) && table.Remove(StoreKeys.For(ns, name)))
        {
            Count--;
            return true;
        }
        return false;
    }

    /// <summary>Objects of a resource in key order, optionally one namespace only, starting after a key (paging).</summary>
    public IEnumerable<StoredObject> List(ResourceKey resource, string? ns, string? afterKey = null)
    {
        if (!_tables.TryGetValue(resource, out var table))
        {
            yield break;
        }
        var prefix = ns is null ? null : StoreKeys.NamespacePrefix(ns);
        foreach (var (key, obj) in table)
        {
            if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
            {
                continue;
            }
            if (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            yield return obj;
        }
    }

    public IEnumerable<(ResourceKey Resource, StoredObject Object)> All() =>
        _tables.SelectMany(t => t.Value.Values.Select(o => (t.Key, o)));
}
