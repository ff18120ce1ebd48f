using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Yaml;

/// <summary>
/// Where each node of a loaded document came from. Nodes are matched by reference, so the map stays valid only for
/// the nodes the loader produced (a clone has no location; ask for its original). Written only while loading, then
/// safe for concurrent reads. Plain reference-keyed dictionaries (not weak tables): they live exactly as long as the
/// document, and weak tables cost a finalizer per map, which dominated CPU time when thousands of files are loaded.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<JsonNode, SourceLocation> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, Dictionary<string, SourceLocation>> _keys = new(ReferenceEqualityComparer.Instance);

    /// <summary>The file this map describes (repo-relative).</summary>
    public string File { get; }

    /// <summary>Creates an empty map for a file.</summary>
    public SourceMap(string file) => File = file;

    /// <summary>Where a node starts; the file alone if the node is unknown (or null).</summary>
    public SourceLocation Of(JsonNode? node) =>
        node is not null && _nodes.TryGetValue(node, out var location) ? location : SourceLocation.FileOnly(File);

    /// <summary>
    /// Where a property's key is written in a mapping. Falls back to the mapping itself when the key is missing,
    /// which is the right place to report "field x is required".
    /// </summary>
    public SourceLocation OfKey(JsonObject parent, string key) =>
        _keys.TryGetValue(parent, out var keys) && keys.TryGetValue(key, out var location) ? location : Of(parent);

    /// <summary>Where a property's value starts; the key when the value is null or unknown.</summary>
    public SourceLocation OfValue(JsonObject parent, string key)
    {
        var value = parent[key];
        return value is not null && _nodes.TryGetValue(value, out var location) ? location : OfKey(parent, key);
    }

    internal void Set(JsonNode node, SourceLocation location) => _nodes[node] = location;

    internal void SetKey(JsonObject parent, string key, SourceLocation location)
    {
        if (!_keys.TryGetValue(parent, out var keys))
        {
            keys = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            _keys[parent] = keys;
        }
        keys[key] = location;
    }
}
