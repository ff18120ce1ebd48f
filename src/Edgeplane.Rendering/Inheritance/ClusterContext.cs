using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Inheritance;

/// <summary>Everything inherited for one cluster: hierarchy, labels, variables, add-ons, capabilities, bundle options.</summary>
internal sealed class ClusterContext
{
    public ClusterContext(FleetResource<ClusterSpec> cluster, string fleetName, string kubernetesVersion,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, VariableValue> variables,
        IReadOnlyList<EffectiveAddOn> addOns, DriftPolicy drift, bool prune)
    {
        Cluster = cluster;
        KubernetesVersion = kubernetesVersion;
        Labels = labels;
        Variables = variables;
        AddOns = addOns;
        Drift = drift;
        Prune = prune;
        Capabilities = cluster.Spec.Capabilities.Concat(addOns.SelectMany(a => a.AddOn.Spec.Provides)).ToHashSet(StringComparer.Ordinal);
        Builtins = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["cluster.name"] = JsonValue.Create(cluster.Name),
            ["cluster.layer"] = JsonValue.Create(cluster.Spec.Layer),
            ["cluster.region"] = JsonValue.Create(cluster.Spec.Region),
            ["cluster.site"] = JsonValue.Create(cluster.Spec.Site ?? ""),
            ["cluster.provider"] = JsonValue.Create(cluster.Spec.Provider.ToString().ToLowerInvariant()),
            ["cluster.kubernetesVersion"] = JsonValue.Create(kubernetesVersion),
            ["fleet.name"] = JsonValue.Create(fleetName),
        };
        NameJson = CanonicalJson.Serialize(JsonValue.Create(cluster.Name));
    }

    public FleetResource<ClusterSpec> Cluster { get; }

    public string Name => Cluster.Name;

    public string KubernetesVersion { get; }

    /// <summary>Region, site and cluster labels (nearest wins) plus <c>edgeplane.dev/layer|region|site|provider</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, VariableValue> Variables { get; }

    /// <summary>Enabled add-ons, by name.</summary>
    public IReadOnlyList<EffectiveAddOn> AddOns { get; }

    public IReadOnlySet<string> Capabilities { get; }

    public DriftPolicy Drift { get; }

    public bool Prune { get; }

    /// <summary>Worker nodes a k3s/RKE2 agent plan upgrades at once (<c>kubernetesUpgrade.workerConcurrency</c>, default 1).</summary>
    public int WorkerConcurrency { get; init; } = 1;

    /// <summary><c>kubernetesUpgrade.allowDowngrade</c> (default false).</summary>
    public bool AllowKubernetesDowngrade { get; init; }

    public IReadOnlyDictionary<string, JsonNode?> Builtins { get; }

    /// <summary>The cluster name as a canonical JSON string.</summary>
    public byte[] NameJson { get; }

    public bool Places(PlacementSpec placement) =>
        placement.Matches(Name, Cluster.Spec.Layer, Cluster.Spec.Region, Cluster.Spec.Site, Labels);
}
