using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Health;

/// <summary>The Cluster API health rules (v1beta2 status; v1beta1 fields where they differ).</summary>
public sealed class ClusterApiHealthTests
{
    private static readonly ObjectRef Cluster = new("cluster.x-k8s.io", "Cluster", "capi", "p1");
    private static readonly ObjectRef Kcp = new("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", "capi", "p1-cp");
    private static readonly ObjectRef Eks = new("controlplane.cluster.x-k8s.io", "AWSManagedControlPlane", "capi", "p1-eks");
    private static readonly ObjectRef Gke = new("infrastructure.cluster.x-k8s.io", "GCPManagedControlPlane", "capi", "p1-gke");
    private static readonly ObjectRef Workers = new("cluster.x-k8s.io", "MachineDeployment", "capi", "p1-workers");
    private static readonly ObjectRef Pool = new("cluster.x-k8s.io", "MachinePool", "capi", "p1-pool");

    [Theory]
    [InlineData("""{"phase":"Pending"}""", HealthStatus.InProgress,
        "phase Pending, infrastructure not provisioned, control plane not initialized")]
    [InlineData("""{"phase":"Provisioning","initialization":{"infrastructureProvisioned":true},"conditions":[{"type":"Available","status":"False","reason":"NotAvailable","message":"control plane not initialized"}]}""",
        HealthStatus.InProgress, "phase Provisioning, infrastructure provisioned, control plane not initialized; not Available: NotAvailable: control plane not initialized")]
    [InlineData("""{"phase":"Provisioned","initialization":{"infrastructureProvisioned":true,"controlPlaneInitialized":true},"conditions":[{"type":"Available","status":"True","reason":"Available"}]}""",
        HealthStatus.Current, "Available: Available")]
    [InlineData("""{"phase":"Provisioned","infrastructureReady":true,"controlPlaneReady":true}""", HealthStatus.Current,
        "phase Provisioned, infrastructure provisioned, control plane initialized")]
    [InlineData("""{"phase":"Failed","conditions":[{"type":"InfrastructureReady","status":"False","reason":"QuotaExceeded","message":"no floating IPs left"}]}""",
        HealthStatus.Failed, "phase Failed: InfrastructureReady=False: QuotaExceeded: no floating IPs left")]
    [InlineData("""{"phase":"Provisioning","deprecated":{"v1beta1":{"failureReason":"InvalidConfiguration","failureMessage":"bad CIDR"}}}""",
        HealthStatus.Failed, "phase Provisioning: InvalidConfiguration: bad CIDR")]
    public void Evaluate_Cluster_CurrentOnceProvisionedAndAvailable(string status, HealthStatus expected, string message)
    {
        var health = HealthRules.Evaluate(Cluster, Fixtures.Parse($$$"""{"status":{{{status}}}}"""));

        Assert.Equal((expected, message), (health.Status, health.Message));
    }

    [Theory]
    [InlineData("v1.31.2", """{"version":"v1.30.4","ready":true,"replicas":3,"readyReplicas":3}""", HealthStatus.InProgress,
        "rolling out v1.31.2 (status.version v1.30.4)")]
    [InlineData("v1.31.2", """{"ready":true}""", HealthStatus.InProgress, "rolling out v1.31.2 (status.version not reported yet)")]
    [InlineData("v1.31.2", """{"version":"v1.31.2","replicas":3,"readyReplicas":2,"upToDateReplicas":3}""", HealthStatus.InProgress,
        "at v1.31.2, ready 2/3 replicas")]
    [InlineData("v1.31.2", """{"version":"v1.31.2","replicas":4,"readyReplicas":3,"upToDateReplicas":3}""", HealthStatus.InProgress,
        "at v1.31.2, 1 old replica(s) pending deletion")]
    [InlineData("v1.31.2", """{"version":"v1.31.2","ready":true,"replicas":3,"readyReplicas":3,"upToDateReplicas":3}""", HealthStatus.Current,
        "ready at v1.31.2")]
    [InlineData("v1.31.2", """{"version":"v1.31.2","ready":true,"conditions":[{"type":"Ready","status":"False","reason":"RollingUpdateInProgress"}]}""",
        HealthStatus.InProgress, "at v1.31.2, not ready yet")]
    public void Evaluate_KubeadmControlPlane_CurrentOnlyAtItsVersionAndReady(string wanted, string status, HealthStatus expected, string message)
    {
        var live = Fixtures.Parse($$$"""{"spec":{"version":"{{{wanted}}}","replicas":3},"status":{{{status}}}}""");

        var health = HealthRules.Evaluate(Kcp, live);

        Assert.Equal((expected, message), (health.Status, health.Message));
    }

    [Theory]
    [InlineData("v1.30", "v1.30.4-eks-1", HealthStatus.Current)]
    [InlineData("v1.31", "v1.30.4-eks-1", HealthStatus.InProgress)]
    [InlineData("v1.3", "v1.30.4", HealthStatus.InProgress)] // a component is a whole number, not a prefix of one
    public void Evaluate_ManagedControlPlane_VersionMatchesEveryComponentWritten(string wanted, string running, HealthStatus expected)
    {
        var live = Fixtures.Parse($$$"""{"spec":{"version":"{{{wanted}}}"},"status":{"version":"{{{running}}}","ready":true} }""");

        Assert.Equal(expected, HealthRules.Evaluate(Eks, live).Status);
        Assert.Equal(expected, HealthRules.Evaluate(Gke, live).Status);
    }

    [Theory]
    [InlineData("""{"replicas":2,"readyReplicas":2,"upToDateReplicas":2}""", HealthStatus.Current, "2 replica(s) ready at v1.31.2")]
    [InlineData("""{"replicas":3,"readyReplicas":2,"upToDateReplicas":1}""", HealthStatus.InProgress, "up to date 1/2 replicas")]
    [InlineData("""{"replicas":2,"readyReplicas":1,"upToDateReplicas":2}""", HealthStatus.InProgress, "ready 1/2 replicas")]
    [InlineData("""{"replicas":2,"readyReplicas":2,"version":"v1.30.4"}""", HealthStatus.InProgress, "rolling out v1.31.2 (status.version v1.30.4)")]
    [InlineData("""{"phase":"Failed","conditions":[{"type":"Available","status":"False","reason":"MachinesFailed","message":"2 machines failed"}]}""",
        HealthStatus.Failed, "failed: Available=False: MachinesFailed: 2 machines failed")]
    public void Evaluate_WorkerPools_CurrentWhenEveryReplicaIsReadyAndUpToDate(string status, HealthStatus expected, string message)
    {
        var live = Fixtures.Parse($$$"""{"spec":{"replicas":2,"template":{"spec":{"version":"v1.31.2"} } },"status":{{{status}}}}""");

        Assert.Equal((expected, message), (HealthRules.Evaluate(Workers, live).Status, HealthRules.Evaluate(Workers, live).Message));
        Assert.Equal(expected, HealthRules.Evaluate(Pool, live).Status);
    }

    [Fact]
    public void Evaluate_ControlPlaneStatusForOlderGeneration_InProgressWhateverItSays()
    {
        var live = Fixtures.Parse("""
            {"metadata":{"generation":3},"spec":{"version":"v1.31.2"},"status":{"observedGeneration":2,"version":"v1.31.2","ready":true}}
            """);

        var health = HealthRules.Evaluate(Kcp, live);

        Assert.Equal((HealthStatus.InProgress, "status is for generation 2, the object is at generation 3"), (health.Status, health.Message));
    }
}
