using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Health;

public sealed class HealthRulesTests
{
    [Theory]
    [InlineData("""{"type":"Ready","status":"False","reason":"InstallFailed","message":"chart not found"}""", HealthStatus.Failed, "not Ready: InstallFailed: chart not found")]
    [InlineData("""{"type":"Ready","status":"False","reason":"DependencyNotReady","message":"waiting for cni"}""", HealthStatus.InProgress, "not Ready yet: DependencyNotReady: waiting for cni")]
    [InlineData("""{"type":"Ready","status":"Unknown","reason":"Progressing","message":"installing"}""", HealthStatus.InProgress, "Ready unknown: Progressing: installing")]
    public void Evaluate_HelmReleaseReadyCondition_JudgedByReason(string condition, HealthStatus status, string message)
    {
        var live = Fixtures.Parse($$$"""{"metadata":{"generation":1},"status":{"observedGeneration":1,"conditions":[{{{condition}}}]}}""");

        var health = HealthRules.Evaluate(new ObjectRef("helm.toolkit.fluxcd.io", "HelmRelease", "x", "r"), live);

        Assert.Equal(status, health.Status);
        Assert.Equal(message, health.Message);
    }

    [Theory]
    [InlineData("""{"latestVersion":"v1.31.2+k3s1","conditions":[{"type":"LatestResolved","status":"True"},{"type":"Complete","status":"True","reason":"PlanComplete"}]}""",
        HealthStatus.Current, "complete at v1.31.2+k3s1")]
    [InlineData("""{"latestVersion":"v1.31.2+k3s1","applying":["node-1"],"conditions":[{"type":"Complete","status":"False","reason":"Applying"}]}""",
        HealthStatus.InProgress, "upgrading node-1 to v1.31.2+k3s1")]
    [InlineData("""{"latestVersion":"v1.31.2+k3s1","conditions":[{"type":"Complete","status":"False","reason":"Applying","message":"waiting for Plan \"server-plan\""}]}""",
        HealthStatus.InProgress, "not complete: Applying: waiting for Plan \"server-plan\"")]
    [InlineData("""{"latestVersion":"v1.30.4+k3s1","conditions":[{"type":"Complete","status":"True"}]}""",
        HealthStatus.InProgress, "resolved v1.30.4+k3s1, the Plan asks for v1.31.2+k3s1")]
    [InlineData("""{}""", HealthStatus.InProgress, "waiting for system-upgrade-controller to resolve the version")]
    [InlineData("""{"conditions":[{"type":"LatestResolved","status":"False","reason":"Error","message":"channel unreachable"}]}""",
        HealthStatus.InProgress, "version not resolved yet: Error: channel unreachable")]
    [InlineData("""{"conditions":[{"type":"Validated","status":"False","reason":"Error","message":"spec.nodeSelector: bad"}]}""",
        HealthStatus.Failed, "Plan not valid: Error: spec.nodeSelector: bad")]
    public void Evaluate_UpgradePlan_DoneOnlyWhenEveryNodeRunsTheVersionItAsksFor(string status, HealthStatus expected, string message)
    {
        var live = Fixtures.Parse($$$"""{"spec":{"version":"v1.31.2+k3s1","concurrency":1},"status":{{{status}}}}""");

        var health = HealthRules.Evaluate(new ObjectRef("upgrade.cattle.io", "Plan", "system-upgrade", "server-plan"), live);

        Assert.Equal((expected, message), (health.Status, health.Message));
    }

    [Fact]
    public void Evaluate_DeploymentStatusForOlderGeneration_InProgress()
    {
        var live = Fixtures.Parse("""{"metadata":{"generation":3},"spec":{"replicas":1},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"readyReplicas":1,"availableReplicas":1}}""");

        var health = HealthRules.Evaluate(new ObjectRef("apps", "Deployment", "x", "d"), live);

        Assert.Equal(HealthStatus.InProgress, health.Status);
        Assert.Equal("status is for generation 2, the object is at generation 3", health.Message);
    }

    [Fact]
    public void Evaluate_StatefulSetPartitionedRolloutDone_Current()
    {
        var live = Fixtures.Parse("""{"metadata":{"generation":2},"spec":{"replicas":3,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}},"status":{"observedGeneration":2,"readyReplicas":3,"updatedReplicas":1,"currentRevision":"a","updateRevision":"b"}}""");

        var health = HealthRules.Evaluate(new ObjectRef("apps", "StatefulSet", "x", "s"), live);

        Assert.Equal(HealthStatus.Current, health.Status);
    }

    [Fact]
    public void Evaluate_HaltedVirtualMachineWithoutInstance_Current()
    {
        var live = Fixtures.Parse("""{"metadata":{"generation":1},"spec":{"runStrategy":"Halted"},"status":{"printableStatus":"Stopped"}}""");

        var health = HealthRules.Evaluate(new ObjectRef("kubevirt.io", "VirtualMachine", "x", "vm"), live, related: null);

        Assert.Equal("stopped, as desired", health.Message);
        Assert.Equal(HealthStatus.Current, health.Status);
    }

    [Fact]
    public void Evaluate_GenericStalled_Failed()
    {
        var live = Fixtures.Parse("""{"status":{"conditions":[{"type":"Stalled","status":"True","reason":"InvalidSpec"},{"type":"Ready","status":"False"}]}}""");

        var health = HealthRules.Evaluate(new ObjectRef("example.com", "Thing", "x", "t"), live);

        Assert.Equal("Thing.example.com x/t Failed: Stalled: InvalidSpec", health.ToString());
    }
}
