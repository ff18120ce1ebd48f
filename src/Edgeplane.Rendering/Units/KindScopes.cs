using System.Collections.Frozen;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// The scope of every kind in one cluster's bundle, decided from API group and kind: Kubernetes' built-in kinds first
/// (a CRD cannot redefine them), then the CustomResourceDefinitions in the bundle, then the few custom kinds Edgeplane
/// generates itself; anything else is <see cref="KindScope.Unknown"/>. Two CRDs of the bundle that disagree about a
/// kind make it cluster-scoped, the answer that grants less to a workspace.
/// </summary>
internal sealed class KindScopes
{
    /// <summary>
    /// The custom kinds Edgeplane's generators write (Flux sources and releases for Helm units; Multus networks and
    /// KubeVirt machines for network functions; system-upgrade-controller Plans for k3s/RKE2 upgrades; Cluster API
    /// ClusterResourceSets that join provisioned clusters). Their projects define them namespaced in every release, and their CRDs
    /// may come from a Helm-installed add-on rather than the bundle. A CRD in the bundle still decides first.
    /// </summary>
    private static readonly FrozenSet<(string Group, string Kind)> GeneratedNamespaced = new[]
    {
        ("source.toolkit.fluxcd.io", "HelmRepository"), ("source.toolkit.fluxcd.io", "OCIRepository"), ("helm.toolkit.fluxcd.io", "HelmRelease"),
        ("k8s.cni.cncf.io", "NetworkAttachmentDefinition"), ("kubevirt.io", "VirtualMachine"), ("upgrade.cattle.io", "Plan"),
        ("addons.cluster.x-k8s.io", "ClusterResourceSet"),
    }.ToFrozenSet();

    private readonly Dictionary<(string Group, string Kind), bool> _crdClusterScoped = [];

    /// <summary>The scopes of the kinds defined by CRDs among <paramref name="units"/>' objects.</summary>
    public static KindScopes Of(IEnumerable<RenderUnit> units)
    {
        var scopes = new KindScopes();
        foreach (var crd in units.SelectMany(u => u.Objects).Select(o => o.Object.Crd).OfType<CrdInfo>())
        {
            var key = (crd.Group, crd.Kind);
            scopes._crdClusterScoped[key] = crd.ClusterScoped || scopes._crdClusterScoped.GetValueOrDefault(key);
        }
        return scopes;
    }

    public KindScope Of(string group, string kind)
    {
        if (BuiltinKinds.IsNamespaced(group, kind) is { } builtin)
        {
            return builtin ? KindScope.Namespaced : KindScope.Cluster;
        }
        if (_crdClusterScoped.TryGetValue((group, kind), out var clusterScoped))
        {
            return clusterScoped ? KindScope.Cluster : KindScope.Namespaced;
        }
        return GeneratedNamespaced.Contains((group, kind)) ? KindScope.Namespaced : KindScope.Unknown;
    }
}
