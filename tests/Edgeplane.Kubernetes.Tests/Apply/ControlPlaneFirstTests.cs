using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using Edgeplane.KubeSim;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Kubernetes.Tests.Apply;

/// <summary>
/// Within one apply, a Cluster API worker pool is written only once the control plane of its cluster (in the same bundle)
/// is Current: a Kubernetes upgrade reaches the workers after the control plane runs it. KubeSim's control-plane
/// simulation runs on a fake clock here, so a control plane stays mid-rollout until the test lets time pass.
/// </summary>
public sealed class ControlPlaneFirstTests : IAsyncLifetime
{
    private const string Ns = "capi";
    private static readonly ObjectRef Kcp = new("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", Ns, "p1-cp");
    private static readonly ObjectRef Md = new("cluster.x-k8s.io", "MachineDeployment", Ns, "p1-workers");
    private static readonly ApplierOptions LookOnce = new() { ControlPlaneWait = TimeSpan.Zero };

    private readonly FakeTimeProvider _simTime = new(DateTimeOffset.UtcNow);
    private KubeSimServer _server = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0,
            TimeProvider = _simTime,
            Delays = KubeSimDelays.All(TimeSpan.FromMinutes(1)) with { CrdEstablished = TimeSpan.Zero },
        });
        _cluster = new TestCluster(_server.AddCluster("mgmt"), null, null, null);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Apply_VersionChanged_WorkersDeferredUntilTheControlPlaneRunsIt_ThenWritten()
    {
        await ApplyAndSettleAsync("v1.30.4");

        var rolling = await ApplyAsync("v1.31.2");

        Assert.True(rolling.Succeeded, string.Join("\n", rolling.Failures));
        Assert.Equal(ChangeAction.Configured, rolling.ChangeSet.For(Kcp)!.Action);
        var deferral = Assert.Single(rolling.Deferred);
        Assert.Equal((Md, Kcp), (deferral.Object, deferral.WaitsFor));
        Assert.Equal("rolling out v1.31.2 (status.version v1.30.4)", deferral.Message);
        var entry = rolling.ChangeSet.For(Md)!;
        Assert.Equal(ChangeAction.Skipped, entry.Action);
        Assert.Equal($"deferred (WaitingForControlPlane): its control plane {Kcp} is not Current yet: rolling out v1.31.2 (status.version v1.30.4)",
            entry.Message);
        Assert.Equal("v1.30.4", await WorkerVersionAsync());
        Assert.Contains(rolling.Inventory!.Entries, e => e.Object == Md); // still tracked, never pruned for waiting

        await LetTheControlPlaneFinishAsync();
        var done = await ApplyAsync("v1.31.2");

        Assert.True(done.Succeeded, string.Join("\n", done.Failures));
        Assert.Empty(done.Deferred);
        Assert.Equal(ChangeAction.Unchanged, done.ChangeSet.For(Kcp)!.Action);
        Assert.Equal(ChangeAction.Configured, done.ChangeSet.For(Md)!.Action);
        Assert.Equal("v1.31.2", await WorkerVersionAsync());
    }

    [Fact]
    public async Task Apply_WorkersUnchanged_NotHeldBackByARollingControlPlane()
    {
        await ApplyAndSettleAsync("v1.30.4");

        var result = await _cluster.Applier(LookOnce).ApplyAsync(_cluster.Request("mgmt",
            [.. Base(), CapiObjects.ControlPlane(Ns, "p1", "v1.31.2"), CapiObjects.Workers(Ns, "p1", "v1.30.4")]));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Empty(result.Deferred);
        Assert.Equal(ChangeAction.Unchanged, result.ChangeSet.For(Md)!.Action);
    }

    [Fact]
    public async Task Apply_NewCluster_WorkersCreatedOnlyOnceItsControlPlaneIsUp()
    {
        var first = await ApplyAsync("v1.30.4");

        Assert.True(first.Succeeded, string.Join("\n", first.Failures));
        Assert.Equal(ChangeAction.Created, first.ChangeSet.For(Kcp)!.Action);
        Assert.Equal(Md, Assert.Single(first.Deferred).Object);
        Assert.Null(await TryReadWorkersAsync());

        await LetTheControlPlaneFinishAsync();
        var second = await ApplyAsync("v1.30.4");

        Assert.Equal(ChangeAction.Created, second.ChangeSet.For(Md)!.Action);
        Assert.Empty(second.Deferred);
    }

    [Fact]
    public async Task DetectDrift_WorkersBehindAndControlPlaneRolling_CorrectionDeferred_NotWritten()
    {
        await ApplyAndSettleAsync("v1.30.4");
        await ApplyAsync("v1.31.2"); // the workers wait

        var report = await _cluster.Drift(LookOnce).DetectAsync(new DriftRequest
        {
            Cluster = _cluster.Name, Bundle = "mgmt", Objects = Bundle("v1.31.2"), Policy = DriftPolicy.Correct,
        });

        Assert.Empty(report.Failures);
        var drift = Assert.Single(report.Drifted);
        Assert.Equal((Md, false), (drift.Object, drift.Corrected));
        Assert.Equal(Md, Assert.Single(report.Deferred).Object);
        Assert.Equal("v1.30.4", await WorkerVersionAsync());
    }

    [Fact]
    public void ControlPlanes_FollowTheClustersControlPlaneRef_ElseTheClusterNameLabel_ElseNone()
    {
        var labelled = CapiObjects.ControlPlane(Ns, "p2", "v1.30.4");
        labelled["metadata"]!["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = "p2" };
        labelled["metadata"]!["name"] = "anything";
        var objects = new[]
        {
            CapiObjects.Cluster(Ns, "p1"), CapiObjects.ControlPlane(Ns, "p1", "v1.30.4"), CapiObjects.Workers(Ns, "p1", "v1.30.4"),
            labelled, CapiObjects.Workers(Ns, "p2", "v1.30.4"),
            CapiObjects.Workers(Ns, "p3", "v1.30.4"), // a ClusterClass cluster: no control plane object in the bundle
        }.Select((o, i) => new PlannedObject(i, ObjectRef.Of(o), (string)o["apiVersion"]!, o)).ToList();

        var planes = WorkerPools.ControlPlanes(objects);

        Assert.Equal(2, planes.Count);
        Assert.Equal(Kcp, planes[Md].Ref);
        Assert.Equal("anything", planes[Md with { Name = "p2-workers" }].Ref.Name);
    }

    private static JsonObject[] Base() => [Fixtures.Namespace(Ns), .. CapiObjects.Crds(), CapiObjects.Cluster(Ns, "p1")];

    private static JsonObject[] Bundle(string version) =>
        [.. Base(), CapiObjects.ControlPlane(Ns, "p1", version), CapiObjects.Workers(Ns, "p1", version)];

    private Task<ApplyResult> ApplyAsync(string version) => _cluster.Applier(LookOnce).ApplyAsync(_cluster.Request("mgmt", Bundle(version)));

    /// <summary>Applies the bundle at <paramref name="version"/> until nothing waits any more (the cluster's first provisioning).</summary>
    private async Task ApplyAndSettleAsync(string version)
    {
        await ApplyAsync(version);
        await LetTheControlPlaneFinishAsync();
        var settled = await ApplyAsync(version);
        Assert.True(settled.Succeeded && settled.Deferred.Count == 0, string.Join("\n", settled.Failures.Concat<object>(settled.Deferred)));
    }

    /// <summary>Lets KubeSim's control-plane rollout delay pass, then waits (real clock, bounded) until the engine sees it Current.</summary>
    private async Task LetTheControlPlaneFinishAsync()
    {
        _simTime.Advance(TimeSpan.FromHours(1));
        await _cluster.Sim.WhenControllersIdleAsync();
        var kcp = CapiObjects.ControlPlane(Ns, "p1", "unused");
        var health = await _cluster.Health().WaitAsync([kcp], new HealthWaitOptions { Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(HealthWaitOutcome.Current, health.Outcome);
    }

    private Task<JsonObject?> TryReadWorkersAsync() => CapiObjects.TryReadAsync(_cluster.Client, "cluster.x-k8s.io", "machinedeployments", Ns, Md.Name);

    private async Task<string?> WorkerVersionAsync() => (string?)(await TryReadWorkersAsync())?["spec"]?["template"]?["spec"]?["version"];
}
