namespace Edgeplane.Model.Specs;

/// <summary>
/// How k3s and RKE2 clusters are upgraded: by Rancher's system-upgrade-controller, installed by the named add-on. A k3s
/// or RKE2 cluster that runs this add-on gets upgrade Plans for its Kubernetes version in the add-on's namespace.
/// </summary>
/// <param name="AddOn">Name of the add-on that installs system-upgrade-controller (default <c>system-upgrade-controller</c>).</param>
public sealed record SystemUpgradeSettingsSpec(string AddOn)
{
    /// <summary>The defaults.</summary>
    public static SystemUpgradeSettingsSpec Default { get; } = new("system-upgrade-controller");
}
