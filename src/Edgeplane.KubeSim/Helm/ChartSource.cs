using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Helm;

/// <summary>
/// Finds the simulated chart a HelmRelease asks for, as source-controller would fetch it: <c>spec.chart.spec</c>
/// (chart, version, a HelmRepository <c>sourceRef</c>, whose <c>spec.url</c> is the repository) or <c>spec.chartRef</c>
/// to an OCIRepository (its <c>spec.url</c> ends with the chart name, <c>spec.ref.tag</c> is the version). The source
/// object is read from the cluster (the <c>sourceRef</c>'s namespace, else the HelmRelease's).
/// </summary>
internal static class ChartSource
{
    private const string SourceGroup = "source.toolkit.fluxcd.io";

    /// <summary>
    /// The chart; or a failure (KubeSim has the chart but not that version); or neither, when KubeSim has no chart
    /// for the source (another kind of source, a missing source object, an unregistered chart): such a HelmRelease
    /// keeps KubeSim's status-only behaviour.
    /// </summary>
    public static (LoadedChart? Chart, string? Failure) Resolve(VirtualCluster cluster, ChartRegistry registry, JsonObject release)
    {
        var ns = release.Namespace() ?? string.Empty;
        var spec = release["spec"];
        string? repository, chart, version;
        if (spec?["chartRef"] is JsonObject chartRef)
        {
            if (chartRef.Str("kind") != "OCIRepository" || Source(cluster, "ocirepositories", chartRef, ns) is not { } oci
                || oci["spec"].Str("url") is not { } url || url.TrimEnd('/').LastIndexOf('/') is var slash && slash < 0)
            {
                return (null, null);
            }
            (repository, chart) = (url.TrimEnd('/')[..slash], url.TrimEnd('/')[(slash + 1)..]);
            version = oci.At("spec", "ref").Str("tag") ?? oci.At("spec", "ref").Str("semver");
        }
        else
        {
            var chartSpec = spec.At("chart", "spec");
            if (chartSpec?["sourceRef"] is not JsonObject sourceRef || sourceRef.Str("kind") != "HelmRepository"
                || Source(cluster, "helmrepositories", sourceRef, ns) is not { } helm)
            {
                return (null, null);
            }
            (repository, chart, version) = (helm["spec"].Str("url"), chartSpec.Str("chart"), chartSpec.Str("version"));
        }
        if (repository is null || chart is null)
        {
            return (null, null);
        }
        var versions = registry.Versions(repository, chart);
        if (versions.Count == 0)
        {
            return (null, null);
        }
        var found = version is null or "" or "*" ? versions[^1] : versions.LastOrDefault(v => v.Chart.Version == version);
        return found is not null
            ? (found, null)
            : (null, $"HelmChart '{ns}/{ns}-{release.Name()}' is not ready: invalid chart reference: failed to get chart version for " +
                $"remote reference: no '{chart}' chart with version matching '{version}' found");
    }

    private static JsonObject? Source(VirtualCluster cluster, string plural, JsonObject reference, string ns)
    {
        var stored = cluster.Find(new ResourceKey(SourceGroup, plural), reference.Str("namespace") ?? ns, reference.Str("name") ?? string.Empty);
        return stored is null ? null : JsonUtil.ParseObject(stored.Json);
    }
}
