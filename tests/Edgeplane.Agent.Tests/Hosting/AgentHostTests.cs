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

    [Fact]
    public async Task Upgrade_PlanInTheBundle_ReadyOnlyOnceTheNodesRunIt_AndTheReportCarriesTheNewVersion()
    {
        _bed.AddCluster("site-u", "v1.30.4+k3s1");
        var first = _bed.Target("site-u", TestBundles.Build("site-u", [TestBundles.Namespace("web")], revision: "c1"));
        var agent = await _bed.StartAgentAsync("site-u", o => o with { DriftInterval = TimeSpan.FromHours(1) }); // no drift check reads /version
        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-u") is { } r && r.AppliedDigest == first && IsReady(r), "the first bundle Ready");
        Assert.Equal("v1.30.4+k3s1", _bed.Hub.LastReport("site-u")!.KubernetesVersion);

        var upgrade = _bed.Target("site-u", TestBundles.Build("site-u", [PlanCrd, TestBundles.Namespace("system-upgrade"), ServerPlan("v1.31.2+k3s1")], revision: "c2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-u") is { } r && r.AppliedDigest == upgrade && IsReady(r), "the upgrade bundle Ready",
            explain: () => agent.Snapshot.Conditions.FirstOrDefault()?.ToString() ?? "");
        var report = _bed.Hub.LastReport("site-u")!;
        Assert.Equal("v1.31.2+k3s1", report.KubernetesVersion);
        var nodes = Assert.Single(report.Conditions, c => c.Type == ConditionTypes.NodesReady);
        Assert.Equal((ConditionStatus.True, "1 of 1 node(s) Ready at v1.31.2+k3s1"), (nodes.Status, nodes.Message));
        Assert.Contains(report.Objects, o => o.Object.Kind == "Plan" && o.Status == HealthStatus.Current);
        Assert.Equal("v1.31.2+k3s1", (await _bed.Client("site-u").Version.GetCodeAsync()).GitVersion);
    }

    private static readonly System.Text.Json.Nodes.JsonObject PlanCrd = TestBundles.Parse("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"plans.upgrade.cattle.io"},
         "spec":{"group":"upgrade.cattle.io","names":{"kind":"Plan","listKind":"PlanList","plural":"plans","singular":"plan"},"scope":"Namespaced",
                 "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                              "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    private static System.Text.Json.Nodes.JsonObject ServerPlan(string version) => TestBundles.Parse("""
        {"apiVersion":"upgrade.cattle.io/v1","kind":"Plan","metadata":{"name":"server-plan","namespace":"system-upgrade"},
         "spec":{"concurrency":1,"cordon":true,"serviceAccountName":"system-upgrade","upgrade":{"image":"rancher/k3s-upgrade"},"version":"VERSION",
                 "nodeSelector":{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]}}}
        """.Replace("VERSION", version, StringComparison.Ordinal));

    private static bool IsReady(StatusReport report) =>
        report.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.Reason == AgentReasons.ReconciliationSucceeded);
}
