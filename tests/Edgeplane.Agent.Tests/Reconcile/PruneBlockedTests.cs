using System.Text.Json.Nodes;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol;
using k8s;
using k8s.Autorest;

namespace Edgeplane.Agent.Tests.Reconcile;

/// <summary>A CRD the new bundle drops but whose kind still has foreign objects: kept, reported to the hub, pruned once they are gone.</summary>
public sealed class PruneBlockedTests : IAsyncLifetime
{
    private const string Group = "example.edgeplane.dev";
    private const string CrdName = "widgets." + Group;
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Target_DropsCrdWithForeignInstance_PruneBlockedReportedThenPrunedWhenItIsGone()
    {
        _bed.AddCluster("site-a");
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), WidgetCrd()]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle with the CRD applied");
        var client = _bed.Client("site-a");
        var widget = TestBundles.Parse($$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Widget","metadata":{"name":"foreign","namespace":"web"}}""");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, Group, "v1", "web", "widgets");

        var second = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web")], revision: "rev-2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-a") is { } r && r.AppliedDigest == second
                && r.Conditions.Any(c => c is { Type: ConditionTypes.Ready, Reason: AgentReasons.PruneBlocked }),
            "PruneBlocked reported to the hub", () => string.Join("; ", agent.Snapshot.Conditions));
        var ready = _bed.Hub.LastReport("site-a")!.Conditions.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(Protocol.V1.ConditionStatus.False, ready.Status);
        Assert.Equal($"{second} (revision rev-2): not pruned: CustomResourceDefinition {CrdName}: 1 Widget object(s) that this bundle "
            + "does not prune still exist (web/foreign) and would be deleted with it; delete them, or annotate the CustomResourceDefinition "
            + "edgeplane.dev/prune-with-instances: \"true\"", ready.Message);
        Assert.NotNull(await TryReadCrdAsync(client));
        Assert.NotNull(await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, "v1", "web", "widgets", "foreign"));

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", "web", "widgets", "foreign");
        agent.RequestReconcile();

        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "Ready once the prune went through", () => string.Join("; ", agent.Snapshot.Conditions));
        Assert.Null(await TryReadCrdAsync(client));
    }

    [Fact]
    public async Task Restart_WhilePruneBlocked_ReportedAgainFromTheInventory()
    {
        _bed.AddCluster("site-a");
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), WidgetCrd()]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle with the CRD applied");
        var client = _bed.Client("site-a");
        var widget = TestBundles.Parse($$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Widget","metadata":{"name":"foreign","namespace":"web"}}""");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, Group, "v1", "web", "widgets");
        var second = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web")], revision: "rev-2"));
        await _bed.WaitAsync(() => agent.Snapshot.Condition(ConditionTypes.Ready)?.Reason == AgentReasons.PruneBlocked, "PruneBlocked");
        await _bed.StopAgentAsync(agent);

        var restarted = await _bed.StartAgentAsync("site-a", withToken: false);

        await _bed.WaitAsync(() => restarted.Snapshot.AppliedDigest == second
                && restarted.Snapshot.Condition(ConditionTypes.Ready)?.Reason == AgentReasons.PruneBlocked,
            "PruneBlocked after the restart", () => string.Join("; ", restarted.Snapshot.Conditions));
        Assert.NotNull(await TryReadCrdAsync(client));
    }

    private static JsonObject WidgetCrd() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "widget-crd.json")))!.AsArray()[0]!.AsObject();

    private static async Task<object?> TryReadCrdAsync(IKubernetes client)
    {
        try
        {
            return await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdName);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
