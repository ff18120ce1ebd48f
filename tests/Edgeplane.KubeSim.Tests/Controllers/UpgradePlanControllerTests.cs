using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Controllers;

/// <summary>
/// system-upgrade-controller Plans as Edgeplane renders them for a k3s cluster (testdata/upgrade-plans.json is
/// <c>edgeplane render</c>'s server-plan and agent-plan at v1.32.2+k3s1): the control plane first, then the workers one
/// at a time, each batch after the upgrade delay, nodes Ready throughout.
/// </summary>
public sealed class UpgradePlanControllerTests
{
    private const string Ns = "system-upgrade";
    private const string Target = "v1.32.2+k3s1";

    [Fact]
    public async Task RenderedPlans_ControlPlaneFirstThenWorkersOneAtATime()
    {
        await using var sim = await StartAsync(nodes: 3);
        foreach (var plan in RenderedPlans())
        {
            await sim.Client.CreateAsync("upgrade.cattle.io", "v1", "plans", Ns, plan);
        }
        var agentWaiting = await PlanAsync(sim, "agent-plan", p => Message(p, "Complete") == "waiting for Plan \"server-plan\" to complete");
        var serverApplying = await PlanAsync(sim, "server-plan", p => Message(p, "Complete") == "upgrading fake-node-1");
        var before = await VersionsAsync(sim);

        await sim.Cluster.WhenControllersIdleAsync(); // the next batch's timer is set before the clock moves
        sim.Time.Advance(FakeTimeSim.Delay);
        await PlanAsync(sim, "server-plan", p => Status(p, "Complete") == "True");
        await PlanAsync(sim, "agent-plan", p => Message(p, "Complete") == "upgrading fake-node-2");
        var afterServer = await VersionsAsync(sim);
        await sim.Cluster.WhenControllersIdleAsync(); // the next batch's timer is set before the clock moves
        sim.Time.Advance(FakeTimeSim.Delay);
        await PlanAsync(sim, "agent-plan", p => Message(p, "Complete") == "upgrading fake-node-3");
        var afterFirstWorker = await VersionsAsync(sim);
        await sim.Cluster.WhenControllersIdleAsync(); // the next batch's timer is set before the clock moves
        sim.Time.Advance(FakeTimeSim.Delay);
        var agentDone = await PlanAsync(sim, "agent-plan", p => Status(p, "Complete") == "True");
        var after = await VersionsAsync(sim);
        var nodes = await sim.Client.CoreV1.ListNodeAsync();

        Assert.Equal(["fake-node-2"], Applying(agentWaiting));
        Assert.Equal(["fake-node-1"], Applying(serverApplying));
        Assert.Equal("v1.31.4 | v1.31.4 v1.31.4 v1.31.4", before);
        Assert.Equal($"{Target} | {Target} v1.31.4 v1.31.4", afterServer);
        Assert.Equal($"{Target} | {Target} {Target} v1.31.4", afterFirstWorker);
        Assert.Equal($"{Target} | {Target} {Target} {Target}", after);
        Assert.Equal("upgraded 2 node(s) to v1.32.2+k3s1", Message(agentDone, "Complete"));
        Assert.Null(agentDone["status"]!["applying"]);
        Assert.All(nodes.Items, n => Assert.Equal("True", n.Status.Conditions.Single(c => c.Type == "Ready").Status));
    }

    [Fact]
    public async Task ServerPlanNeverCompletes_WorkersAndVersionNeverMove()
    {
        await using var sim = await StartAsync(nodes: 2);
        sim.Cluster.Faults.NeverReadyName($"{Ns}/server-plan");
        foreach (var plan in RenderedPlans())
        {
            await sim.Client.CreateAsync("upgrade.cattle.io", "v1", "plans", Ns, plan);
        }

        sim.Time.Advance(FakeTimeSim.Delay * 3);
        await sim.Cluster.WhenControllersIdleAsync();
        var server = await sim.Client.GetAsync("upgrade.cattle.io", "v1", "plans", Ns, "server-plan");
        var agent = await sim.Client.GetAsync("upgrade.cattle.io", "v1", "plans", Ns, "agent-plan");

        Assert.Equal("v1.31.4 | v1.31.4 v1.31.4", await VersionsAsync(sim));
        Assert.Equal(("False", "upgrading fake-node-1"), (Status(server, "Complete"), Message(server, "Complete")));
        Assert.Equal(("False", "waiting for Plan \"server-plan\" to complete"), (Status(agent, "Complete"), Message(agent, "Complete")));
    }

    [Fact]
    public async Task PlanWithoutNodeSelector_SelectsNoNode_NothingChanges()
    {
        await using var sim = await StartAsync(nodes: 2);
        var plan = Plan($"\"version\":\"{Target}\",\"concurrency\":1");

        await sim.Client.CreateAsync("upgrade.cattle.io", "v1", "plans", Ns, plan);
        var complete = await PlanAsync(sim, "k8s", p => Status(p, "Complete") == "True");
        sim.Time.Advance(FakeTimeSim.Delay * 2);
        await sim.Cluster.WhenControllersIdleAsync();

        Assert.Equal("upgraded 0 node(s) to v1.32.2+k3s1", Message(complete, "Complete"));
        Assert.Equal("v1.31.4 | v1.31.4 v1.31.4", await VersionsAsync(sim));
    }

    [Theory]
    [InlineData("\"channel\":\"https://update.k3s.io/v1-release/channels/v1.32\"",
        "KubeSim does not resolve the channel https://update.k3s.io/v1-release/channels/v1.32; give the Plan a spec.version")]
    [InlineData("\"version\":\"1.32\"", "\"1.32\" is not a Kubernetes version like v1.31.4")]
    [InlineData("\"version\":\"v1.32.2\",\"nodeSelector\":{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Near\"}]}",
        "spec.nodeSelector: matchExpressions[0].operator \"Near\" is not a valid label selector operator")]
    public async Task UnusablePlan_LatestResolvedFalse_NothingChanges(string spec, string message)
    {
        await using var sim = await StartAsync(nodes: 1);
        var plan = Plan(spec);

        await sim.Client.CreateAsync("upgrade.cattle.io", "v1", "plans", Ns, plan);
        var failed = await PlanAsync(sim, "k8s", p => Status(p, "LatestResolved") == "False");
        sim.Time.Advance(FakeTimeSim.Delay);
        await sim.Cluster.WhenControllersIdleAsync();

        Assert.Equal(message, Message(failed, "LatestResolved"));
        Assert.Null(failed["status"]!["latestVersion"]);
        Assert.Equal("v1.31.4 | v1.31.4", await VersionsAsync(sim));
    }

    private static async Task<FakeTimeSim> StartAsync(int nodes)
    {
        var sim = await FakeTimeSim.StartAsync(nodes);
        await sim.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        return sim;
    }

    /// <summary>A Plan "k8s" whose spec has <paramref name="fields"/> (JSON members) and the k3s upgrade image.</summary>
    private static JsonObject Plan(string fields) => JsonNode.Parse(
        "{\"apiVersion\":\"upgrade.cattle.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"k8s\",\"namespace\":\"" + Ns + "\"},"
        + "\"spec\":{" + fields + ",\"upgrade\":{\"image\":\"rancher/k3s-upgrade\"}}}")!.AsObject();

    private static IEnumerable<JsonObject> RenderedPlans() =>
        JsonNode.Parse(Fixtures.Text("upgrade-plans.json"))!.AsArray().Select(p => p!.AsObject());

    private static Task<JsonObject> PlanAsync(FakeTimeSim sim, string name, Func<JsonObject, bool> check) =>
        sim.StatusAsync("upgrade.cattle.io", "v1", "plans", name, check, Ns);

    /// <summary>"/version | kubelet of each node, by name".</summary>
    private static async Task<string> VersionsAsync(FakeTimeSim sim)
    {
        var nodes = await sim.Client.CoreV1.ListNodeAsync();
        var kubelets = nodes.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).Select(n => n.Status.NodeInfo.KubeletVersion);
        return $"{(await sim.Client.Version.GetCodeAsync()).GitVersion} | {string.Join(' ', kubelets)}";
    }

    private static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);

    private static string? Status(JsonObject obj, string type) => Condition(obj, type)?["status"]?.GetValue<string>();

    private static string? Message(JsonObject obj, string type) => Condition(obj, type)?["message"]?.GetValue<string>();

    private static List<string> Applying(JsonObject plan) =>
        (plan["status"]?["applying"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
}
