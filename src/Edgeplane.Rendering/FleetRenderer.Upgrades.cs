using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;
using Edgeplane.Rendering.Generators;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Templates;
using Edgeplane.Rendering.Units;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    /// <summary>Per cluster: the Plans' <c>edgeplane.dev/source</c> (the Cluster) is part of their compiled bytes.</summary>
    private sealed record UpgradePlansKey(string Cluster, ClusterProvider Provider, string Version, string Namespace, int WorkerConcurrency);

    /// <summary>
    /// The system-upgrade-controller Plans of a k3s or RKE2 cluster that runs the upgrade add-on and is not provisioned
    /// by Cluster API (whose control plane object upgrades it instead); null for every other cluster.
    /// </summary>
    private RenderUnit? UpgradeUnit(ClusterContext context)
    {
        var cluster = context.Cluster;
        var addOnName = Fleet.Fleet.Spec.SystemUpgrade.AddOn;
        var addOn = context.AddOns.FirstOrDefault(a => a.AddOn.Name == addOnName)?.AddOn;
        if (cluster.Spec.Provider is not (ClusterProvider.K3s or ClusterProvider.Rke2) || cluster.Spec.Provisioning is not null || addOn is null
            || !KubernetesVersions.TryParse(context.KubernetesVersion, out var version))
        {
            return null;
        }
        var unit = new RenderUnit { Ref = cluster.Ref, Rank = RenderUnit.RankOf(ResourceKind.Cluster) };
        unit.Needs.Add((addOn.Ref, cluster.Origin.Location));
        var ns = addOn.Spec.Namespace ?? UpgradePlanObjects.DefaultNamespace;
        var key = new UpgradePlansKey(cluster.Name, cluster.Spec.Provider, version.ToString(), ns, context.WorkerConcurrency);
        var compiled = _sources.Generated(key, unit.Source, ns, cluster.Origin.Location,
            () => UpgradePlanObjects.Build(key.Provider, version, key.Namespace, key.WorkerConcurrency));
        unit.Add(compiled.Objects, new VariableScope(context, cluster.Name, null, ns, null));
        return unit;
    }

    /// <summary>Checks the versions in the Cluster API objects of every cluster this bundle provisions, as written.</summary>
    private static void CheckProvisionedVersions(string self, List<Entry> entries, byte[] bytes, (int Start, int Length)[] ranges, List<Diagnostic> errors)
    {
        Dictionary<string, ClusterApiVersions>? clusters = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Owner.Ref.Kind != ResourceKind.Cluster || e.Owner.Ref.Name == self || !ClusterApiVersions.Carries(e.Object.Group, e.Object.Kind))
            {
                continue;
            }
            clusters ??= new Dictionary<string, ClusterApiVersions>(StringComparer.Ordinal);
            var provisioned = e.Scope.Cluster;
            if (!clusters.TryGetValue(provisioned.Name, out var versions))
            {
                clusters[provisioned.Name] = versions = new ClusterApiVersions(provisioned.Name, provisioned.KubernetesVersion);
            }
            versions.Add(e.Object.Group, e.Object.Kind, e.Name, bytes.AsSpan(ranges[i].Start, ranges[i].Length), e.Object.Location);
        }
        foreach (var versions in clusters?.Values ?? Enumerable.Empty<ClusterApiVersions>())
        {
            versions.Check(errors);
        }
    }
}
