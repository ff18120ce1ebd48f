using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Inheritance;

/// <summary>
/// Resolves what a cluster inherits: fleet defaults → layer → region → site → cluster, nearest wins. The first four
/// scopes are shared by many clusters, so their merge is cached per (layer, region, site); thread-safe.
/// </summary>
internal sealed class ContextResolver
{
    private readonly FleetSnapshot _fleet;
    private readonly ConcurrentDictionary<(string, string, string?), Lazy<Chain>> _chains = new();

    private readonly Dictionary<string, SiteSpec> _sites = new(StringComparer.Ordinal);

    public ContextResolver(FleetSnapshot fleet)
    {
        _fleet = fleet;
        foreach (var site in fleet.Fleet.Spec.Regions.SelectMany(r => r.Sites))
        {
            _sites.TryAdd(site.Name, site);
        }
    }

    private sealed record Chain(IReadOnlyList<ScopeSpec> Scopes, IReadOnlyList<EffectiveAddOn> AddOns,
        IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, VariableValue> Variables);

    public ClusterContext Resolve(FleetResource<ClusterSpec> cluster)
    {
        var spec = cluster.Spec;
        var chain = _chains.GetOrAdd((spec.Layer, spec.Region, spec.Site),
            key => new Lazy<Chain>(() => BuildChain(key.Item1, key.Item2, key.Item3))).Value;
        var own = spec.Settings;
        var scopes = chain.Scopes.Append(own).ToList();
        var addOns = own.Profiles is null && own.AddOns.Count == 0 ? chain.AddOns : ResolveAddOns(scopes);
        var labels = new Dictionary<string, string>(chain.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in own.Labels)
        {
            labels[key] = value;
        }
        AddBuiltinLabels(labels, cluster);
        var variables = own.Variables.Count == 0 ? chain.Variables : Merge(chain.Variables, own.Variables);
        var version = Nearest(scopes, s => s.KubernetesVersion) ?? "";
        var drift = scopes.Select(s => s.Drift).LastOrDefault(d => d is not null) ?? DriftPolicy.Correct;
        var prune = scopes.Select(s => s.Prune).LastOrDefault(p => p is not null) ?? true;
        return new ClusterContext(cluster, _fleet.Fleet.Name, version, labels, variables, addOns, drift, prune)
        {
            WorkerConcurrency = scopes.Select(s => s.KubernetesUpgrade.WorkerConcurrency).LastOrDefault(c => c is not null) ?? 1,
            AllowKubernetesDowngrade = scopes.Select(s => s.KubernetesUpgrade.AllowDowngrade).LastOrDefault(a => a is not null) ?? false,
        };
    }

    private Chain BuildChain(string layerName, string regionName, string? siteName)
    {
        var fleet = _fleet.Fleet.Spec;
        var region = fleet.Regions.First(r => r.Name == regionName);
        var scopes = new List<ScopeSpec> { fleet.Defaults, fleet.Layers.First(l => l.Name == layerName).Settings, region.Settings };
        if (siteName is not null)
        {
            scopes.Add(_sites[siteName].Settings);
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var variables = new Dictionary<string, VariableValue>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            foreach (var (key, value) in scope.Labels)
            {
                labels[key] = value;
            }
            foreach (var (key, value) in scope.Variables)
            {
                variables[key] = value;
            }
        }
        return new Chain(scopes, ResolveAddOns(scopes), labels, variables);
    }

    private sealed class AddOnState(JsonObject values)
    {
        public bool Present { get; set; }
        public string? Version { get; set; }
        public JsonObject Values { get; set; } = values;
    }

    /// <summary>Profiles of the nearest scope that names any, then every scope's add-on overrides from far to near.</summary>
    private List<EffectiveAddOn> ResolveAddOns(IReadOnlyList<ScopeSpec> scopes)
    {
        var states = new Dictionary<string, AddOnState>(StringComparer.Ordinal);
        AddOnState State(string name) => states.TryGetValue(name, out var s) ? s
            : states[name] = new AddOnState(_fleet.AddOns.Find(name)!.Spec.Values.Root);
        foreach (var profileName in scopes.LastOrDefault(s => s.Profiles is not null)?.Profiles ?? [])
        {
            foreach (var entry in _fleet.Profiles.Find(profileName)!.Spec.AddOns)
            {
                var state = State(entry.Name);
                state.Present = true;
                state.Version = entry.Version ?? state.Version;
                state.Values = ValuesMerge.Merge(state.Values, entry.Values.Root);
            }
        }
        foreach (var scope in scopes)
        {
            foreach (var (name, change) in scope.AddOns.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                var state = State(name);
                state.Present = change.Enabled ?? state.Present;
                state.Version = change.Version ?? state.Version;
                state.Values = ValuesMerge.Merge(state.Values, change.Values.Root);
            }
        }
        return states.Where(s => s.Value.Present).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s =>
            {
                var addOn = _fleet.AddOns.Find(s.Key)!;
                return new EffectiveAddOn(addOn, s.Value.Version ?? addOn.Spec.Version, s.Value.Values);
            }).ToList();
    }

    private static void AddBuiltinLabels(Dictionary<string, string> labels, FleetResource<ClusterSpec> cluster)
    {
        labels["edgeplane.dev/layer"] = cluster.Spec.Layer;
        labels["edgeplane.dev/region"] = cluster.Spec.Region;
        labels["edgeplane.dev/provider"] = cluster.Spec.Provider.ToString().ToLowerInvariant();
        if (cluster.Spec.Site is { } site)
        {
            labels["edgeplane.dev/site"] = site;
        }
    }

    private static Dictionary<string, VariableValue> Merge(IReadOnlyDictionary<string, VariableValue> farther, IReadOnlyDictionary<string, VariableValue> nearer)
    {
        var merged = new Dictionary<string, VariableValue>(farther, StringComparer.Ordinal);
        foreach (var (key, value) in nearer)
        {
            merged[key] = value;
        }
        return merged;
    }

    private static string? Nearest(IEnumerable<ScopeSpec> scopes, Func<ScopeSpec, string?> pick) => scopes.Select(pick).LastOrDefault(v => v is not null);
}
