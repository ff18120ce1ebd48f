using System.Collections;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

/// <summary>The resources of one kind, sorted by name (ordinal), with lookup by name.</summary>
/// <typeparam name="TSpec">The spec type of the kind.</typeparam>
public sealed class ResourceSet<TSpec> : IReadOnlyList<FleetResource<TSpec>>
{
    private readonly List<FleetResource<TSpec>> _items;
    private readonly Dictionary<string, FleetResource<TSpec>> _byName;

    internal ResourceSet(IEnumerable<FleetResource<TSpec>> items)
    {
        _items = items.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        _byName = new Dictionary<string, FleetResource<TSpec>>(StringComparer.Ordinal);
        foreach (var item in _items)
        {
            _byName.TryAdd(item.Name, item);
        }
    }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public FleetResource<TSpec> this[int index] => _items[index];

    /// <summary>The resource with this name, or null.</summary>
    public FleetResource<TSpec>? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when a resource has this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>All names, sorted.</summary>
    public IEnumerable<string> Names => _items.Select(i => i.Name);

    /// <inheritdoc />
    public IEnumerator<FleetResource<TSpec>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
