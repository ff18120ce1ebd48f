using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using k8s;

namespace Edgeplane.Agent.Tests.Hosting;

public sealed class AgentHostTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Start_WithTokenAndTarget_AppliesBundleAndReportsReady()
    {
        _bed.AddCluster("site-a", "v1.30.4");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a",
            [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings"), TestBundles.Deployment("web", "api")], revision: "c1"));

        var agent = await _bed.StartAgentAsync("site-a");

        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-a") is { } r && r.AppliedDigest == digest && IsReady(r),
            "a Ready report for the applied bundle", explain: () => agent.Snapshot.Conditions.FirstOrDefault()?.ToString() ?? "");
        var report = _bed.Hub.LastReport("site-a")!;
        Assert.Equal(digest, report.TargetDigest);
        Assert.Equal("v1.30.4", report.KubernetesVersion);
        Assert.Equal(AgentInfo.Version, report.AgentVersion);
        Assert.Equal(3u, report.ChangeSet.Created);
        Assert.Equal(3, report.Objects.Count);
        Assert.All(report.Objects, o => Assert.Equal(HealthStatus.Current, o.Status));
        Assert.Contains(report.Objects, o => o.Object.ApiVersion == "apps/v1" && o.Object.Kind == "Deployment" && o.Object.Namespace == "web");
        var cm = await _bed.Client("site-a").CoreV1.ReadNamespacedConfigMapAsync("settings", "web");
        Assert.Equal("v1", cm.Data["key"]);
        Assert.True(agent.Snapshot.IsConverged);
    }

    private static bool IsReady(StatusReport report) =>
        report.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.Reason == AgentReasons.ReconciliationSucceeded);
}
