using k8s;
using Edgeplane.Agent.Link;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol;

namespace Edgeplane.Agent.Tests.Reconcile;

public sealed class OfflineTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task HubUnreachable_DriftStillCorrectedFromTheCachedBundle()
    {
        _bed.AddCluster("site-a");
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");
        await _bed.StopGatewayAsync();
        await _bed.WaitAsync(() => agent.Snapshot.Link.State == HubLinkState.Disconnected, "the lost hub");
        var client = _bed.Client("site-a");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("settings", "web");
        agent.RequestReconcile();

        await _bed.WaitAsync(async () => await client.ConfigMapAsync("web", "settings") is not null, "the deleted ConfigMap recreated");
        Assert.NotEqual(HubLinkState.Connected, agent.Snapshot.Link.State);
    }

    [Fact]
    public async Task Restart_HubUnreachable_AppliesCachedBundleAndCorrectsDrift()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");
        await _bed.StopAgentAsync(agent);
        await _bed.StopGatewayAsync();
        var client = _bed.Client("site-a");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("settings", "web");

        var restarted = await _bed.StartAgentAsync("site-a", withToken: false);

        await _bed.WaitAsync(async () => await client.ConfigMapAsync("web", "settings") is not null, "the ConfigMap recreated without the hub");
        await _bed.WaitAsync(() => restarted.Snapshot.IsReady, "Ready from the cached bundle", () => string.Join("; ", restarted.Snapshot.Conditions));
        Assert.Equal(digest, restarted.Snapshot.AppliedDigest);
        Assert.NotEqual(HubLinkState.Connected, restarted.Snapshot.Link.State);
    }

    [Fact]
    public async Task Target_EmptyDigest_KeepsWhatIsApplied()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");

        // The hub forgot the cluster: it has nothing to target.
        _bed.Hub.SetTarget("site-a", "");

        await _bed.WaitAsync(() => agent.Snapshot.Target is { IsEmpty: true } && agent.Snapshot.IsReady, "the empty target taken");
        agent.RequestReconcile();
        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-a") is { TargetDigest: "" } r && r.AppliedDigest == digest, "a report after it");
        Assert.NotNull(await _bed.Client("site-a").ConfigMapAsync("web", "settings"));
        Assert.Equal(digest, agent.Snapshot.AppliedDigest);
    }

    [Fact]
    public async Task Target_BundleWithNoObjects_RefusedAndNothingPruned()
    {
        _bed.AddCluster("site-a");
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");

        _bed.Target("site-a", TestBundles.Build("site-a", [], revision: "empty"));

        await _bed.WaitAsync(() => agent.Snapshot.Condition(ConditionTypes.Ready)?.Reason == AgentReasons.ApplyFailed, "the refused apply",
            () => string.Join("; ", agent.Snapshot.Conditions));
        Assert.Contains("PruneToEmptyRefused", agent.Snapshot.Condition(ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.NotNull(await _bed.Client("site-a").ConfigMapAsync("web", "settings"));
    }

    [Fact]
    public async Task Target_Changed_NewBundleAppliedAndOldObjectsPruned()
    {
        _bed.AddCluster("site-a");
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "old")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the first bundle");

        var second = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "new")], revision: "rev-2"));

        await _bed.WaitAsync(() => agent.Snapshot.IsConverged && agent.Snapshot.AppliedDigest == second, "the second bundle");
        var client = _bed.Client("site-a");
        Assert.NotNull(await client.ConfigMapAsync("web", "new"));
        Assert.Null(await client.ConfigMapAsync("web", "old"));
        Assert.Equal("rev-2", agent.Snapshot.AppliedRevision);
    }
}
