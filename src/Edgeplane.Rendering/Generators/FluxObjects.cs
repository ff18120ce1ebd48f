using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// A chart source becomes Flux objects that Flux renders inside the cluster: a <c>source.toolkit.fluxcd.io/v1</c>
/// HelmRepository (or OCIRepository for <c>oci://</c>) and a <c>helm.toolkit.fluxcd.io/v2</c> HelmRelease.
/// </summary>
internal static class FluxObjects
{
    /// <summary>The chart's repository object, named after the unit.</summary>
    public static JsonObject Repository(string name, string ns, HelmChartSpec chart, string version) => chart.IsOci
        ? new JsonObject
        {
            ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
            ["kind"] = "OCIRepository",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["interval"] = "1h",
                ["url"] = chart.Repository,
                ["ref"] = new JsonObject { ["tag"] = version },
                ["layerSelector"] = new JsonObject
                {
                    ["mediaType"] = "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                    ["operation"] = "copy",
                },
            },
        }
        : new JsonObject
        {
            ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
            ["kind"] = "HelmRepository",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["interval"] = "1h", ["url"] = chart.Repository },
        };

    /// <summary>
    /// The release: values are the inherited values (they stay under <c>spec.values</c>, so nothing in them reaches the
    /// fields below); <paramref name="dependsOn"/> are other Helm units Flux must wait for. A workspace's release
    /// (<paramref name="tenant"/>) runs as <see cref="WorkspaceAccount.Name"/> of its namespace and may not create its
    /// namespace (the account cannot, and the workspace's namespaces exist already); an add-on's runs as Flux's
    /// helm-controller and may.
    /// </summary>
    public static JsonObject Release(string name, string ns, string targetNamespace, HelmChartSpec chart, string version,
        JsonObject values, IReadOnlyList<string> dependsOn, bool tenant)
    {
        var spec = new JsonObject
        {
            ["interval"] = "10m",
            ["releaseName"] = chart.ReleaseName ?? name,
            ["serviceAccountName"] = tenant ? WorkspaceAccount.Name : WorkspaceAccount.PlatformName,
            ["targetNamespace"] = targetNamespace,
            ["install"] = new JsonObject { ["createNamespace"] = !tenant, ["remediation"] = new JsonObject { ["retries"] = 3 } },
            ["upgrade"] = new JsonObject { ["remediation"] = new JsonObject { ["retries"] = 3 } },
            ["values"] = values.DeepClone(),
        };
        if (chart.IsOci)
        {
            spec["chartRef"] = new JsonObject { ["kind"] = "OCIRepository", ["name"] = name };
        }
        else
        {
            spec["chart"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["chart"] = chart.Chart,
                    ["version"] = version,
                    ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = name },
                },
            };
        }
        if (dependsOn.Count > 0)
        {
            spec["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)new JsonObject { ["name"] = d, ["namespace"] = ns })]);
        }
        return new JsonObject
        {
            ["apiVersion"] = "helm.toolkit.fluxcd.io/v2",
            ["kind"] = "HelmRelease",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };
    }
}
