using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Edgeplane.Agent.Identity;
using Edgeplane.Cli.Up;
using Edgeplane.EndToEnd.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Protocol;
using Edgeplane.Rendering.Generators;
using Grpc.Core;
using k8s;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>
/// The whole life of a cluster made by Cluster API (issue 14), through the real stack: a new edge site committed with
/// <c>provisioning: {template: edge-k3s}</c> is provisioned by KubeSim's Cluster API simulation on the management
/// cluster, joins by itself (ClusterResourceSet, agent Deployment, <c>up</c>'s kubelet) and converges; a minor upgrade
/// goes through the rollout waves, control plane first and workers after; taken out of Git with the default
/// <c>deletionPolicy: Retain</c>, it keeps running, untouched, while the hub forgets it and revokes its identity.
/// </summary>
public sealed class ProvisionedLifecycleTests
{
    private const string Site = "edge-ams-02";
    private const string Management = "eks-eu-west";
    private const string Namespace = "capi-edge";
    private const string From = "v1.30.4+k3s1";
    private const string To = "v1.31.2+k3s1";

    private const string Policy = """
        apiVersion: edgeplane.dev/v1alpha1
        kind: Rollout
        metadata: {name: default}
        spec:
          soakTime: 2s
          waves:
            - name: edge
              target: {layers: [edge]}
            - name: cloud
              target: {layers: [cloud]}
          healthGates:
            - {name: bundles-healthy, minHealthyPercent: 100, timeout: 60s}
          rollback: {automatic: true, maxFailures: 0}
        """;

    /// <summary>Every object the edge-k3s template renders, by the path of its kind in the management cluster's API.</summary>
    private static readonly (string Path, string Name)[] TemplateObjects =
    [
        ("apis/cluster.x-k8s.io/v1beta2/namespaces/capi-edge/clusters", Site),
        ("apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/metal3clusters", Site),
        ("apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/kthreescontrolplanes", $"{Site}-control-plane"),
        ("apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/metal3machinetemplates", $"{Site}-control-plane"),
        ("apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/metal3machinetemplates", $"{Site}-workers"),
        ("apis/bootstrap.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/kthreesconfigtemplates", $"{Site}-workers"),
        ("apis/cluster.x-k8s.io/v1beta2/namespaces/capi-edge/machinedeployments", $"{Site}-workers"),
    ];

    /// <summary>A provisioned cluster's way (docs/backends.md, "Lifecycle").</summary>
    private static readonly string[] Way = ["Declared", "Provisioning", "Provisioned", "Joined", "Ready"];

    private const string ControlPlanes = "apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/kthreescontrolplanes";
    private const string MachineDeployments = "apis/cluster.x-k8s.io/v1beta2/namespaces/capi-edge/machinedeployments";

    [Fact]
    public async Task EdgeK3sCluster_CommittedUpgradedAndRemoved_ProvisionsJoinsUpgradesControlPlaneFirst_AndIsRetainedAndRevoked()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var clusterFile = Path.Combine(scenario.Repo, "clusters", "edge", "eu-west", $"{Site}.yaml");

        await ProvisionAndJoinAsync(scenario, clusterFile);
        var upgraded = await UpgradeThroughTheWavesAsync(scenario, clusterFile);
        await RetireAsync(scenario, clusterFile, upgraded);
    }

    /// <summary>
    /// A new edge site (its Cluster, a declared site and the template, nothing else) is provisioned, joined and converged
    /// with nobody acting: the hub, the management cluster's agent, the Cluster API simulation and up's kubelet only.
    /// </summary>
    private static async Task ProvisionAndJoinAsync(E2eScenario scenario, string clusterFile)
    {
        Assert.False(scenario.Stack.KubeSim.Clusters.ContainsKey(Site));
        await File.WriteAllTextAsync(clusterFile, ClusterYaml(kubernetesVersion: null));
        var added = scenario.Stack.Commit("a new edge site, made by Cluster API on eks-eu-west");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(added, E2eScenario.Timeout)).State);
        var declared = (await scenario.ClusterAsync(Site)).Cluster;
        Assert.Equal(new ProvisioningResponse("edge-k3s", Management, Namespace), declared.Provisioning);
        Assert.Equal("Retain", declared.Provisioning!.DeletionPolicy);
        Assert.Equal(From, declared.KubernetesVersion);

        await scenario.WaitForAllConvergedAsync(s => s.Clusters.Any(c => c.Cluster == Site));
        var ready = await scenario.UntilAsync(() => scenario.ClusterAsync(Site), c => c.Cluster.Lifecycle?.Phase == "Ready", $"{Site} Ready");

        Assert.Equal(Site, scenario.Stack.PodAgents[Site]);
        var life = ready.Cluster.Lifecycle!;
        var phases = Way[1..];
        Assert.All(phases, p => Assert.True(life.Transitions.ContainsKey(p), $"{Site} never was {p}: {string.Join(", ", life.Transitions.Keys)}"));
        Assert.Equal(phases, phases.OrderBy(p => life.Transitions[p]));
        Assert.Equal(life.Transitions["Ready"], life.Since);
        Assert.Equal("v1.30.4", scenario.Stack.KubeSim.Clusters[Site].Version); // the control plane's spec.version, without the k3s build
        using var workload = scenario.Stack.KubeSim.CreateClient(Site);
        Assert.NotNull(await workload.AppsV1.ReadNamespacedDeploymentAsync(AgentInstallObjects.AgentName, AgentInstallObjects.Namespace));
    }

    /// <summary>
    /// One minor up, through the rollout waves: the run moves the management cluster, whose bundle carries the new
    /// versions; in its apply the control plane goes first, and the workers are written only once it runs the new version.
    /// Returns the converged fleet afterwards.
    /// </summary>
    private static async Task<ConvergenceSnapshot> UpgradeThroughTheWavesAsync(E2eScenario scenario, string clusterFile)
    {
        Directory.CreateDirectory(Path.Combine(scenario.Repo, "rollouts"));
        await File.WriteAllTextAsync(Path.Combine(scenario.Repo, "rollouts", "default.yaml"), Policy);
        scenario.Stack.Commit("rollout policy");
        var before = await scenario.Stack.ReadConvergenceAsync();
        var management = scenario.Stack.KubeSim.Clusters[Management];
        await using var controlPlanes = ObjectWatch.Start(management.Uri, ControlPlanes, management.ResourceVersion);
        await using var pools = ObjectWatch.Start(management.Uri, MachineDeployments, management.ResourceVersion);
        await File.WriteAllTextAsync(clusterFile, ClusterYaml(kubernetesVersion: To));
        var upgrade = scenario.Stack.Commit($"{Site}: Kubernetes 1.31");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(upgrade, E2eScenario.Timeout)).State);
        var run = await scenario.WaitForRolloutEndAsync(upgrade);

        Assert.True(run.State == RolloutState.Succeeded,
            $"{run.State}: {run.Reason}; {string.Join("; ", run.Waves.SelectMany(w => w.Members).Select(m => $"{m.Cluster} {m.State} {m.Reason}"))}");
        Assert.Equal(["edge", "cloud"], run.Waves.Select(w => w.Name));
        Assert.Empty(run.Waves[0].Clusters); // the site's own bundle does not carry its version
        Assert.Equal([Management], run.Waves[1].Clusters);
        var converged = await scenario.WaitForAllConvergedAsync(s => s.Find(Management)!.Desired != before.Find(Management)!.Desired);
        Assert.Equal(converged.Find(Management)!.Desired, run.Waves[1].Members.Single().To);
        Assert.Equal(before.Find(Site)!.Desired, converged.Find(Site)!.Desired);

        var planes = await controlPlanes.UntilAsync(e => FirstOf(e, $"{Site}-control-plane", o => Str(o, "status", "version") == To) is not null,
            "the control plane reports the new version");
        var workers = await pools.UntilAsync(e => FirstOf(e, $"{Site}-workers", o => WorkerStatusVersion(o) == To) is not null,
            "the workers report the new version");
        var planeSpec = FirstOf(planes, $"{Site}-control-plane", o => Str(o, "spec", "version") == To)!;
        var planeDone = FirstOf(planes, $"{Site}-control-plane", o => Str(o, "status", "version") == To)!;
        var workerSpec = FirstOf(workers, $"{Site}-workers", o => Str(o, "spec", "template", "spec", "version") == To)!;
        var workerDone = FirstOf(workers, $"{Site}-workers", o => WorkerStatusVersion(o) == To)!;
        // One resourceVersion counter per virtual cluster: the order of the writes, whatever the timing.
        Assert.True(planeSpec.ResourceVersion < planeDone.ResourceVersion, "the control plane was written before it rolled out");
        Assert.True(planeDone.ResourceVersion < workerSpec.ResourceVersion,
            $"the workers were written (rv {workerSpec.ResourceVersion}) only after the control plane ran {To} (rv {planeDone.ResourceVersion})");
        Assert.True(workerSpec.ResourceVersion < workerDone.ResourceVersion);
        Assert.All(workers.Where(e => e.ResourceVersion < planeDone.ResourceVersion),
            e => Assert.Equal(From, Str(e.Object, "spec", "template", "spec", "version")));
        Assert.Equal("v1.31.2", scenario.Stack.KubeSim.Clusters[Site].Version);

        scenario.Agent(Site).RequestReconcile(); // the site's agent reads /version again on a drift check
        var site = await scenario.UntilAsync(() => scenario.ClusterAsync(Site), c => c.Cluster.Status.KubernetesVersion == "v1.31.2",
            $"{Site}'s agent reports v1.31.2");
        Assert.Equal(To, site.Cluster.KubernetesVersion);
        Assert.Equal("Ready", site.Cluster.Lifecycle!.Phase);
        return converged;
    }

    /// <summary>
    /// Out of Git with the default deletionPolicy Retain: held, with a reason that says the real cluster keeps running;
    /// approved; nothing of it deleted; the hub forgets it (Removed) and revokes its identity.
    /// </summary>
    private static async Task RetireAsync(E2eScenario scenario, string clusterFile, ConvergenceSnapshot upgraded)
    {
        var objectsBefore = scenario.Stack.KubeSim.Clusters[Site].ObjectCount;
        File.Delete(clusterFile);
        var removal = scenario.Stack.Commit($"retire {Site}");
        var held = await scenario.Stack.WaitForRevisionAsync(removal, E2eScenario.Timeout);
        Assert.Equal(RevisionState.Held, held.State);
        Assert.Equal($"held: it removes 1 cluster(s) from the fleet: {Site}; and 1 Cluster API cluster(s) keep running: {Site} "
            + $"(deletionPolicy Retain: its Cluster API objects stay on {Management}, no longer managed). Nothing changed. To accept it, "
            + $"an admin runs 'edgeplane revisions approve {removal}' (POST /api/v1/revisions/{removal}/approve).", held.Reason);
        Assert.Equal("Ready", (await scenario.ClusterAsync(Site)).Cluster.Lifecycle!.Phase); // held: nothing changed

        var dropped = scenario.Stack.WaitForAgentAsync(Site, a => a.IsStalled, E2eScenario.Timeout);
        using (var api = scenario.Api())
        {
            using var approved = await api.PostAsync($"/api/v1/revisions/{removal}/approve", content: null);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        await scenario.UntilAsync(() => RevisionAsync(scenario, removal), r => r.State == RevisionState.Applied, $"revision {removal} applied");
        var stalled = await dropped;
        var after = await scenario.WaitForAllConvergedAsync(s => s.Clusters.All(c => c.Cluster != Site)
            && s.Find(Management)!.Desired != upgraded.Find(Management)!.Desired);

        // The hub forgets it: out of every listing, Removed, its identity revoked.
        using (var api = scenario.Api())
        {
            using var gone = await api.GetAsync($"/api/v1/clusters/{Site}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        var story = await scenario.UntilAsync(() => AuditAsync(scenario, "cluster.lifecycle", Site), e => e.Any(a => a.Outcome == "Removed"),
            $"{Site} Removed");
        // The audit has each move as the hub judged it: in order along the way, a phase passed over in one step missing.
        var moves = story.Select(e => e.Outcome).ToList();
        Assert.Equal(["Ready", "Removed"], moves[^2..]);
        Assert.Equal(Way.Where(moves.Contains), moves[..^1]);
        Assert.Equal($"Ready → Removed: removed from Git by revision {removal}; its agent's identity is revoked; "
            + $"its Cluster API objects stay on {Management} (deletion policy Retain)", story[^1].Details);
        var revoked = Assert.Single(await AuditAsync(scenario, "cluster.revoke", Site));
        Assert.Equal(("hub", "Succeeded"), (revoked.Actor, revoked.Outcome));
        Assert.StartsWith($"removed from the fleet by revision {removal}; 1 certificate(s), 0 token(s), ", revoked.Details, StringComparison.Ordinal);
        Assert.Equal("ClusterRevoked", stalled.Condition(ConditionTypes.Stalled)!.Reason);
        var credentials = new AgentIdentityFiles(scenario.Stack.Layout.PodState(Site)).Load()!;
        var refused = await Assert.ThrowsAsync<RpcException>(() => RawAgent.HelloAsync(scenario.Stack.GatewayUrl, credentials, Site));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("ClusterRevoked", RawAgent.IdentityError(refused));

        // Nothing deleted: the Cluster API objects stay on the management cluster, no longer managed (only the join's
        // ClusterResourceSet and its Secret are pruned), and the site runs on.
        var management = scenario.Stack.KubeSim.Clusters[Management];
        foreach (var (path, name) in TemplateObjects)
        {
            var obj = await GetAsync(management.Uri, path, name);
            Assert.True(obj is not null, $"{path}/{name} was deleted");
            Assert.Null(obj!["metadata"]!["deletionTimestamp"]);
            Assert.Equal("Retain", (string?)obj["metadata"]!["annotations"]!["edgeplane.dev/deletion-policy"]);
        }
        Assert.Null(await GetAsync(management.Uri, "apis/addons.cluster.x-k8s.io/v1beta2/namespaces/capi-edge/clusterresourcesets", $"edgeplane-agent-{Site}"));
        Assert.Null(await GetAsync(management.Uri, "api/v1/namespaces/capi-edge/secrets", AgentJoinSecret.Name(Site)));
        Assert.True(scenario.Stack.KubeSim.Clusters.ContainsKey(Site), "the provisioned virtual cluster was removed");
        Assert.Equal(objectsBefore, scenario.Stack.KubeSim.Clusters[Site].ObjectCount);
        Assert.Equal("v1.31.2", scenario.Stack.KubeSim.Clusters[Site].Version);
        Assert.DoesNotContain(after.Clusters, c => c.Cluster == Site);
    }

    /// <summary>The site's Cluster as edge-lux-01 of the example fleet writes it: a declared site and the template, nothing else.</summary>
    private static string ClusterYaml(string? kubernetesVersion) => $$"""
        apiVersion: edgeplane.dev/v1alpha1
        kind: Cluster
        metadata:
          name: {{Site}}
        spec:
          layer: edge
          region: eu-west
          site: ams-01
          provider: k3s
        {{(kubernetesVersion is null ? "" : $"  kubernetesVersion: {kubernetesVersion}\n")}}  provisioning: {template: edge-k3s}
        """;

    private static WatchedEvent? FirstOf(IEnumerable<WatchedEvent> events, string name, Func<JsonObject, bool> check) =>
        events.FirstOrDefault(e => (string?)e.Object["metadata"]?["name"] == name && check(e.Object));

    private static string? Str(JsonObject obj, params string[] path)
    {
        JsonNode? node = obj;
        foreach (var key in path)
        {
            node = node?[key];
        }
        return node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)node : null;
    }

    private static string? WorkerStatusVersion(JsonObject machineDeployment) =>
        (machineDeployment["status"]?["versions"] as JsonArray)?.FirstOrDefault()?["version"]?.GetValue<string>();

    private static async Task<JsonObject?> GetAsync(Uri cluster, string path, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster.ToString().TrimEnd('/') + "/") };
        using var response = await http.GetAsync($"{path}/{name}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<RevisionResponse> RevisionAsync(E2eScenario scenario, string sha)
    {
        using var api = scenario.Api();
        return (await api.GetFromJsonAsync<RevisionResponse>($"/api/v1/revisions/{sha}", E2eScenario.Json))!;
    }

    /// <summary>The audit entries of <paramref name="action"/> on <paramref name="target"/>, oldest first.</summary>
    private static async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(E2eScenario scenario, string action, string target)
    {
        using var api = scenario.Api();
        var page = await api.GetFromJsonAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?action={action}&target={target}&limit=100", E2eScenario.Json);
        return page!.Items.OrderBy(e => e.Id).ToList();
    }
}
