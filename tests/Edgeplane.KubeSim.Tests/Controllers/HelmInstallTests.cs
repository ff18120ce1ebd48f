using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Controllers;

/// <summary>
/// The simulated helm-controller installs a simulated chart as the HelmRelease's service account, through RBAC, and
/// reports the outcome in the HelmRelease's conditions as helm-controller does. Namespace <c>team</c> has the
/// ServiceAccount <c>edgeplane-workspace</c> bound to <c>admin</c> there, as Edgeplane renders a workspace.
/// </summary>
public sealed class HelmInstallTests
{
    private const string Repository = "https://charts.example.net";
    private const string Account = "edgeplane-workspace";
    private const string Groups = "(groups=[\"system:serviceaccounts\" \"system:serviceaccounts:team\" \"system:authenticated\"])";

    [Fact]
    public async Task ChartWithAClusterRoleBinding_AsTheWorkspaceAccount_InstallFailed_NothingWritten()
    {
        await using var sim = await TeamAsync(("grants", "1.0.0", "grants.yaml"));

        var release = await InstallAsync(sim, "grants", "1.0.0", Account);

        const string message = "Helm install failed for release team/grants with chart grants@1.0.0: Unable to continue with install: " +
            "could not get information about the resource ClusterRoleBinding \"team-grab\" in namespace \"\": " +
            "clusterrolebindings.rbac.authorization.k8s.io \"team-grab\" is forbidden: User \"system:serviceaccount:team:edgeplane-workspace\" " +
            "cannot get resource \"clusterrolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope";
        Assert.Equal(("False", "InstallFailed", message), Condition(release, "Ready"));
        Assert.Equal(("False", "InstallFailed", message), Condition(release, "Released"));
        Assert.Null(release["status"]!["history"]);
        Assert.Empty((await sim.Client.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items);
        Assert.Empty((await sim.Client.CoreV1.ListNamespacedConfigMapAsync("team")).Items); // the check stops the install before any write
    }

    [Fact]
    public async Task SameChart_WithoutAServiceAccount_InstallsAsTheControllerItself()
    {
        await using var sim = await TeamAsync(("grants", "1.0.0", "grants.yaml"));

        var release = await InstallAsync(sim, "grants", "1.0.0", serviceAccount: null);

        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release team/grants.v1 with chart grants@1.0.0"), Condition(release, "Ready"));
        Assert.Equal("team-grab", (await sim.Client.RbacAuthorizationV1.ReadClusterRoleBindingAsync("team-grab")).Metadata.Name);
    }

    [Fact]
    public async Task ChartWithADeploymentAndARole_InstallSucceeded_ObjectsLabelledForTheRelease()
    {
        await using var sim = await TeamAsync(("tools", "1.0.0", "tools.yaml"));

        var release = await InstallAsync(sim, "tools", "1.0.0", Account);
        var deployment = await sim.Client.GetAsync("apps", "v1", "deployments", "team", "tools");
        var role = await sim.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("tools-reader", "team");

        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release team/tools.v1 with chart tools@1.0.0"), Condition(release, "Ready"));
        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release team/tools.v1 with chart tools@1.0.0"), Condition(release, "Released"));
        var history = Assert.Single(release["status"]!["history"]!.AsArray())!;
        Assert.Equal(("tools", "team", 1, "deployed", "tools", "1.0.0"), (history["name"]!.GetValue<string>(), history["namespace"]!.GetValue<string>(),
            history["version"]!.GetValue<int>(), history["status"]!.GetValue<string>(), history["chartName"]!.GetValue<string>(), history["chartVersion"]!.GetValue<string>()));
        Assert.Equal(1, release["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal("Helm", deployment["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal("tools", deployment["metadata"]!["annotations"]!["meta.helm.sh/release-name"]!.GetValue<string>());
        Assert.Equal("team", deployment["metadata"]!["labels"]!["helm.toolkit.fluxcd.io/namespace"]!.GetValue<string>());
        Assert.Equal("helm-controller/Update", Generic.Managers(deployment)[0]); // the Deployment controller may have written status since
        Assert.Equal("Helm", role.Metadata.Labels["app.kubernetes.io/managed-by"]);
    }

    [Fact]
    public async Task ChartBindingClusterAdminInItsOwnNamespace_RefusedByRbacEscalationPrevention()
    {
        await using var sim = await TeamAsync(("escalate", "1.0.0", "escalate.yaml"));

        var release = await InstallAsync(sim, "escalate", "1.0.0", Account);

        Assert.Equal(("False", "InstallFailed", "Helm install failed for release team/escalate with chart escalate@1.0.0: 1 error occurred:\n\t* " +
            "rolebindings.rbac.authorization.k8s.io \"grab\" is forbidden: user \"system:serviceaccount:team:edgeplane-workspace\" " + Groups +
            " is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}\n" +
            "{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}"), Condition(release, "Ready"));
        Assert.Equal(["edgeplane-workspace"], (await sim.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("team")).Items.Select(b => b.Metadata.Name));
    }

    [Fact]
    public async Task AnObjectOfNoRelease_StopsTheInstall_AndIsLeftAsItWas()
    {
        await using var sim = await TeamAsync(("settings", "1.0.0", "settings.yaml"));
        var mine = Generic.ConfigMap("settings", ("level", "debug"));
        mine["metadata"]!["namespace"] = "team";
        await sim.Client.CreateAsync("", "v1", "configmaps", "team", mine);

        var release = await InstallAsync(sim, "settings", "1.0.0", Account);

        Assert.Equal(("False", "InstallFailed", "Helm install failed for release team/settings with chart settings@1.0.0: Unable to continue with install: " +
            "ConfigMap \"settings\" in namespace \"team\" exists and cannot be imported into the current release: invalid ownership metadata; " +
            "label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"; annotation validation error: missing key " +
            "\"meta.helm.sh/release-name\": must be set to \"settings\"; annotation validation error: missing key \"meta.helm.sh/release-namespace\": " +
            "must be set to \"team\""), Condition(release, "Ready"));
        Assert.Equal("debug", (await sim.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "team")).Data["level"]);
    }

    [Fact]
    public async Task NewChartVersion_UpgradesTheRelease_AndKeepsItsHistory()
    {
        await using var sim = await TeamAsync(("settings", "1.0.0", "settings.yaml"), ("settings", "1.1.0", "tools.yaml"));
        await InstallAsync(sim, "settings", "1.0.0", Account);

        await sim.Client.PatchAsync("helm.toolkit.fluxcd.io", "v2", "helmreleases", "team", "settings",
            """{"spec":{"chart":{"spec":{"version":"1.1.0"}}}}""", V1Patch.PatchType.MergePatch);
        sim.Time.Advance(FakeTimeSim.Delay);
        var release = await sim.StatusAsync("helm.toolkit.fluxcd.io", "v2", "helmreleases", "settings",
            r => r["status"]?["observedGeneration"]?.GetValue<long>() == 2, "team");

        Assert.Equal(("True", "UpgradeSucceeded", "Helm upgrade succeeded for release team/settings.v2 with chart settings@1.1.0"), Condition(release, "Ready"));
        Assert.Equal(["1.1.0", "1.0.0"], release["status"]!["history"]!.AsArray().Select(h => h!["chartVersion"]!.GetValue<string>()));
        Assert.Equal("upgrade", release["status"]!["lastAttemptedReleaseAction"]!.GetValue<string>());
        Assert.Equal("tools", (await sim.Client.AppsV1.ReadNamespacedDeploymentAsync("tools", "team")).Metadata.Name);
    }

    [Fact]
    public async Task OciChartRef_ResolvesTheChartFromTheOciRepository()
    {
        await using var sim = await TeamAsync();
        sim.Server.AddChart(new SimulatedChart("oci://ghcr.io/acme/charts", "tools", "2.0.0", Fixtures.Text("charts/tools.yaml")));
        await sim.Client.CreateAsync("source.toolkit.fluxcd.io", "v1", "ocirepositories", "team", Source("OCIRepository", "tools",
            new JsonObject { ["url"] = "oci://ghcr.io/acme/charts/tools", ["ref"] = new JsonObject { ["tag"] = "2.0.0" } }));
        var release = Release("tools", Account);
        release["spec"]!.AsObject().Remove("chart");
        release["spec"]!["chartRef"] = new JsonObject { ["kind"] = "OCIRepository", ["name"] = "tools" };

        var installed = await ApplyAndWaitAsync(sim, release);

        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release team/tools.v1 with chart tools@2.0.0"), Condition(installed, "Ready"));
    }

    [Fact]
    public async Task ChartVersionKubeSimLacks_SourceNotReady_NothingInstalled()
    {
        await using var sim = await TeamAsync(("tools", "1.0.0", "tools.yaml"));

        var release = await InstallAsync(sim, "tools", "9.9.9", Account);

        Assert.Equal(("False", "SourceNotReady", "HelmChart 'team/team-tools' is not ready: invalid chart reference: failed to get chart version for " +
            "remote reference: no 'tools' chart with version matching '9.9.9' found"), Condition(release, "Ready"));
        Assert.Empty((await sim.Client.AppsV1.ListNamespacedDeploymentAsync("team")).Items);
    }

    [Fact]
    public async Task ChartKubeSimDoesNotHave_OnlyStatus_AsBefore()
    {
        await using var sim = await TeamAsync();

        var release = await InstallAsync(sim, "unknown", "1.0.0", Account);

        Assert.Equal(("True", "InstallSucceeded", "Helm install succeeded for release team/unknown.v1 with chart version 1.0.0"), Condition(release, "Ready"));
        Assert.Null(release["status"]!["history"]);
    }

    [Fact]
    public async Task Charts_ManifestsThatAreNotObjects_RefusedNamingTheDocument()
    {
        var bad = new SimulatedChart(Repository, "bad", "1.0.0", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- a\n");
        await using var sim = await TeamAsync();

        var atStart = await Assert.ThrowsAsync<ArgumentException>(() => KubeSimServer.StartAsync(new KubeSimOptions { Charts = [bad] }));
        var added = Assert.Throws<ArgumentException>(() => sim.Server.AddChart(bad with { Manifests = "kind: ConfigMap\n" }));

        Assert.StartsWith("simulated chart bad@1.0.0 of https://charts.example.net: document 2 is not an object with apiVersion, kind and metadata.name", atStart.Message);
        Assert.StartsWith("simulated chart bad@1.0.0 of https://charts.example.net: document 1 is not an object with apiVersion, kind and metadata.name", added.Message);
    }

    /// <summary>A fake-time server whose namespace team is a workspace's: its account bound to admin, a HelmRepository, the given charts.</summary>
    private static async Task<FakeTimeSim> TeamAsync(params (string Name, string Version, string File)[] charts)
    {
        var sim = await FakeTimeSim.StartAsync();
        foreach (var crd in JsonNode.Parse(Fixtures.Text("flux-source-crds.json"))!.AsArray())
        {
            await sim.Client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", crd!.AsObject());
        }
        await Rbac.NamespaceAsync(sim.Client, "team");
        await sim.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Account } }, "team");
        await Rbac.RoleBindingAsync(sim.Client, "team", Account, "ClusterRole", "admin", Rbac.Subject("ServiceAccount", Account, "team"));
        await sim.Client.CreateAsync("source.toolkit.fluxcd.io", "v1", "helmrepositories", "team", Source("HelmRepository", "charts", new JsonObject { ["url"] = Repository }));
        foreach (var (name, version, file) in charts)
        {
            sim.Server.AddChart(new SimulatedChart(Repository, name, version, Fixtures.Text($"charts/{file}")));
        }
        return sim;
    }

    private static Task<JsonObject> InstallAsync(FakeTimeSim sim, string chart, string version, string? serviceAccount)
    {
        var release = Release(chart, serviceAccount);
        release["spec"]!["chart"] = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["chart"] = chart,
                ["version"] = version,
                ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "charts" },
            },
        };
        return ApplyAndWaitAsync(sim, release);
    }

    private static async Task<JsonObject> ApplyAndWaitAsync(FakeTimeSim sim, JsonObject release)
    {
        await sim.Client.CreateAsync("helm.toolkit.fluxcd.io", "v2", "helmreleases", "team", release);
        sim.Time.Advance(FakeTimeSim.Delay);
        return await sim.StatusAsync("helm.toolkit.fluxcd.io", "v2", "helmreleases", release["metadata"]!["name"]!.GetValue<string>(),
            r => Condition(r, "Ready").Status is "True" or "False", "team");
    }

    private static JsonObject Release(string name, string? serviceAccount)
    {
        var spec = new JsonObject { ["interval"] = "10m", ["targetNamespace"] = "team", ["releaseName"] = name };
        if (serviceAccount is not null)
        {
            spec["serviceAccountName"] = serviceAccount;
        }
        return new JsonObject
        {
            ["apiVersion"] = "helm.toolkit.fluxcd.io/v2",
            ["kind"] = "HelmRelease",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "team" },
            ["spec"] = spec,
        };
    }

    private static JsonObject Source(string kind, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "team" },
        ["spec"] = spec,
    };

    private static (string? Status, string? Reason, string? Message) Condition(JsonObject obj, string type)
    {
        var condition = (obj["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c!["type"]!.GetValue<string>() == type);
        return (condition?["status"]?.GetValue<string>(), condition?["reason"]?.GetValue<string>(), condition?["message"]?.GetValue<string>());
    }
}
