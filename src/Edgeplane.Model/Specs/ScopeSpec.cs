namespace Edgeplane.Model.Specs;

/// <summary>
/// Settings that inherit fleet defaults → layer → region → site → cluster, nearest wins. The exact merge rules are in
/// docs/fleet-repo.md ("Inheritance").
/// </summary>
/// <param name="Profiles">Replaces the profile list of farther scopes when not null.</param>
/// <param name="AddOns">Per add-on overrides, merged per add-on and field.</param>
/// <param name="Variables">Merged per name; strings, numbers or booleans.</param>
/// <param name="KubernetesVersion">Desired version; nearest wins.</param>
/// <param name="Drift">Drift policy of the bundle; nearest wins.</param>
/// <param name="Prune">Whether agents prune objects removed from the bundle; nearest wins.</param>
/// <param name="Labels">Labels given to clusters in this scope (for selectors); merged per key.</param>
/// <remarks><see cref="KubernetesUpgrade"/> is an init property so that existing constructions stay valid.</remarks>
public sealed record ScopeSpec(
    IReadOnlyList<string>? Profiles,
    IReadOnlyDictionary<string, AddOnOverrideSpec> AddOns,
    IReadOnlyDictionary<string, VariableValue> Variables,
    string? KubernetesVersion,
    DriftPolicy? Drift,
    bool? Prune,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>A scope that sets nothing.</summary>
    public static ScopeSpec Empty { get; } = new(null, new Dictionary<string, AddOnOverrideSpec>(),
        new Dictionary<string, VariableValue>(), null, null, null, new Dictionary<string, string>());

    /// <summary>How Kubernetes upgrades behave (<c>kubernetesUpgrade</c>); each field inherits on its own, nearest wins.</summary>
    public KubernetesUpgradeSpec KubernetesUpgrade { get; init; } = KubernetesUpgradeSpec.None;
}
