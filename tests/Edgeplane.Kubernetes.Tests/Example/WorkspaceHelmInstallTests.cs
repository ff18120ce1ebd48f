using System.Text.Json.Nodes;
using Edgeplane.KubeSim;
using k8s;
using k8s.Autorest;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// Issue #13, objects a Helm chart creates inside a cluster: the RAN workspace of examples/fleet ships three charts as
/// Applications. The renderer's HelmReleases run as the workspace's ServiceAccount <c>edgeplane-workspace</c>, which its
/// RoleBinding makes <c>admin</c> in the workspace's namespaces only. Applied to KubeSim by the engine, the simulated
/// helm-controller installs each chart as that account through RBAC: a chart that creates a ClusterRoleBinding is
/// refused at install, and so is one that binds cluster-admin inside the workspace's own namespace (RBAC's escalation
/// prevention), while a chart that keeps to its namespace installs. The render-time refusals are
/// <c>Rendering.Tests/WorkspaceRejectionTests</c>; these charts pass them, since what a chart renders is not seen there.
/// </summary>
public sealed class WorkspaceHelmInstallTests
{
    private const string Cluster = "edge-muc-01";
    private const string Repository = "https://charts.ran.example.net";
    private const string Account = "system:serviceaccount:ran-du:edgeplane-workspace";

    [Fact]
    public async Task WorkspaceCharts_ClusterRoleBindingAndClusterAdminBindingRefusedAtInstall_ChartInItsNamespaceInstalls()
    {
        using var fleet = WorkspaceWithCharts("grants", "escalate", "tools");
        var bundle = fleet.Render(Cluster);
        var request = ExampleFleetCopy.Request(bundle);
        await using var site = await ExampleSite.StartAsync(Cluster);
        foreach (var chart in new[] { "grants", "escalate", "tools" })
        {
            site.Server.AddChart(new SimulatedChart(Repository, chart, "1.0.0", Testdata($"{chart}.chart.yaml")));
        }

        var applied = await site.ApplyAsync(request);
        site.Time.Advance(ExampleSite.ControllerDelay + TimeSpan.FromSeconds(1));
        await site.Sim.WhenControllersIdleAsync();
        var grants = await ReleaseAsync(site, "grants");
        var escalate = await ReleaseAsync(site, "escalate");
        var tools = await ReleaseAsync(site, "tools");

        Assert.True(applied.Succeeded, string.Join("\n", applied.Failures));
        var rendered = request.Objects.Single(o => o["kind"]!.GetValue<string>() == "HelmRelease" && o["metadata"]!["name"]!.GetValue<string>() == "grants");
        Assert.Equal(("ran-du", "edgeplane-workspace", "ran-du"), (rendered["metadata"]!["namespace"]!.GetValue<string>(),
            rendered["spec"]!["serviceAccountName"]!.GetValue<string>(), rendered["spec"]!["targetNamespace"]!.GetValue<string>()));
        Assert.Equal("admin", (await site.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("edgeplane-workspace", "ran-du")).RoleRef.Name);
        Assert.Equal(("False", "InstallFailed",
            "Helm install failed for release ran-du/grants with chart grants@1.0.0: Unable to continue with install: could not get information " +
            "about the resource ClusterRoleBinding \"ran-grants\" in namespace \"\": clusterrolebindings.rbac.authorization.k8s.io \"ran-grants\" " +
            $"is forbidden: User \"{Account}\" cannot get resource \"clusterrolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope"),
            Ready(grants));
        Assert.Equal(404, await StatusOfAsync(site.Client.RbacAuthorizationV1.ReadClusterRoleBindingAsync("ran-grants")));
        Assert.Equal(404, await StatusOfAsync(site.Client.CoreV1.ReadNamespacedConfigMapAsync("grants-settings", "ran-du")));
        Assert.Equal(("False", "InstallFailed",
            "Helm install failed for release ran-du/escalate with chart escalate@1.0.0: 1 error occurred:\n\t* rolebindings.rbac.authorization.k8s.io " +
            $"\"ran-escalate\" is forbidden: user \"{Account}\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:ran-du\" " +
            "\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}\n" +
            "{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}"), Ready(escalate));
        Assert.Equal(404, await StatusOfAsync(site.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("ran-escalate", "ran-du")));
        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release ran-du/tools.v1 with chart tools@1.0.0"), Ready(tools));
        Assert.Equal("tools", (await site.Client.AppsV1.ReadNamespacedDeploymentAsync("tools", "ran-du")).Metadata.Labels["helm.toolkit.fluxcd.io/name"]);
        Assert.Equal("tools", (await site.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("tools-reader", "ran-du")).Metadata.Annotations["meta.helm.sh/release-name"]);
    }

    /// <summary>The example fleet with the RAN workspace allowed to ship Flux sources and releases, and the given chart Applications.</summary>
    private static ExampleFleetCopy WorkspaceWithCharts(params string[] charts)
    {
        var fleet = new ExampleFleetCopy();
        fleet.ReplaceOnce("workspaces/ran.yaml", "    - kubevirt.io/VirtualMachine\n",
            "    - kubevirt.io/VirtualMachine\n    - source.toolkit.fluxcd.io/HelmRepository\n    - helm.toolkit.fluxcd.io/HelmRelease\n");
        foreach (var chart in charts)
        {
            File.WriteAllText(Path.Combine(fleet.Path, "applications", $"ran-{chart}.yaml"), Testdata($"{chart}.application.yaml"));
        }
        return fleet;
    }

    private static string Testdata(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "workspace-helm", file));

    private static async Task<JsonObject> ReleaseAsync(ExampleSite site, string name) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            await site.Client.CustomObjects.GetNamespacedCustomObjectAsync("helm.toolkit.fluxcd.io", "v2", "ran-du", "helmreleases", name)))!.AsObject();

    private static (string?, string?, string?) Ready(JsonObject release)
    {
        var ready = (release["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c!["type"]!.GetValue<string>() == "Ready");
        return (ready?["status"]?.GetValue<string>(), ready?["reason"]?.GetValue<string>(), ready?["message"]?.GetValue<string>());
    }

    private static async Task<int> StatusOfAsync<T>(Task<T> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => call);
        return (int)error.Response.StatusCode;
    }
}
