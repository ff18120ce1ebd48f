using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Inheritance;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// The variables one unit sees on one cluster, looked up in this order: the unit's own variables (and per-target
/// overrides), the cluster's inherited variables, <c>params.*</c>, <c>values.*</c>, <c>this.*</c>,
/// <c>cluster.labels.*</c> and the other built-ins. Built-in prefixes are reserved, so the order never hides one.
/// </summary>
internal sealed class VariableScope
{
    private readonly ClusterContext _cluster;
    private readonly IReadOnlyDictionary<string, VariableValue>? _own;
    private readonly IReadOnlyDictionary<string, VariableValue>? _parameters;
    private readonly JsonObject? _values;
    private readonly Dictionary<string, JsonNode?> _this;

    public VariableScope(ClusterContext cluster, string unitName, string? version, string? ns, JsonObject? values,
        IReadOnlyDictionary<string, VariableValue>? own = null, IReadOnlyDictionary<string, VariableValue>? parameters = null)
    {
        _cluster = cluster;
        _own = own;
        _parameters = parameters;
        _values = values;
        _this = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["this.name"] = JsonValue.Create(unitName) };
        if (version is not null)
        {
            _this["this.version"] = JsonValue.Create(version);
        }
        if (ns is not null)
        {
            _this["this.namespace"] = JsonValue.Create(ns);
        }
    }

    /// <summary>The cluster the variables describe (for provisioning, the cluster being provisioned).</summary>
    public ClusterContext Cluster => _cluster;

    public bool TryResolve(string name, out JsonNode? value)
    {
        value = null;
        if (_own is not null && _own.TryGetValue(name, out var own))
        {
            value = own.Node;
            return true;
        }
        if (_cluster.Variables.TryGetValue(name, out var inherited))
        {
            value = inherited.Node;
            return true;
        }
        if (name.StartsWith("params.", StringComparison.Ordinal))
        {
            var found = _parameters is not null && _parameters.TryGetValue(name[7..], out var parameter);
            value = found ? _parameters![name[7..]].Node : null;
            return found;
        }
        if (name.StartsWith("values.", StringComparison.Ordinal))
        {
            return TryValue(name[7..], out value);
        }
        if (name.StartsWith("cluster.labels.", StringComparison.Ordinal) && _cluster.Labels.TryGetValue(name[15..], out var label))
        {
            value = JsonValue.Create(label);
            return true;
        }
        return _this.TryGetValue(name, out value) || _cluster.Builtins.TryGetValue(name, out value);
    }

    private bool TryValue(string path, out JsonNode? value)
    {
        value = null;
        JsonNode? node = _values;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return false;
            }
        }
        value = node;
        return node is not null;
    }

    /// <summary>Every name that resolves, for "did you mean" (values paths only one level deep).</summary>
    public IEnumerable<string> KnownNames()
    {
        var names = new List<string>();
        names.AddRange(_own?.Keys ?? []);
        names.AddRange(_cluster.Variables.Keys);
        names.AddRange(_parameters?.Keys.Select(k => "params." + k) ?? []);
        names.AddRange(_values?.Select(v => "values." + v.Key) ?? []);
        names.AddRange(_cluster.Labels.Keys.Select(k => "cluster.labels." + k));
        names.AddRange(_this.Keys);
        names.AddRange(_cluster.Builtins.Keys);
        return names;
    }
}
