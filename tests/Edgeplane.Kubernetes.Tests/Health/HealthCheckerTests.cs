using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Health;
using Edgeplane.KubeSim;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Kubernetes.Tests.Health;

public sealed class HealthCheckerTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private static readonly HealthWaitOptions QuickWait = new() { Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Wait_WorkloadsJobVolumeClaim_AllBecomeCurrent()
    {
        var cluster = sim.NewCluster(nameof(Wait_WorkloadsJobVolumeClaim_AllBecomeCurrent));
        var objects = Fixtures.Load("realistic-bundle.json").Where(o => o["kind"]!.GetValue<string>() is not ("CustomResourceDefinition" or "Widget"))
            .Append(Fixtures.Parse("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"shop"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}"""))
            .ToArray();
        Assert.True((await cluster.ApplyAsync("shop", objects)).Succeeded);

        var result = await cluster.Health().WaitAsync(objects, QuickWait);

        Assert.Equal(HealthWaitOutcome.Current, result.Outcome);
        var byKind = result.Objects.ToDictionary(h => h.Object.Kind + "/" + h.Object.Name);
        Assert.Equal("rollout complete: 2 replicas available", byKind["Deployment/api"].Message);
        Assert.Equal("rollout complete: 1 replicas ready", byKind["StatefulSet/db"].Message);
        Assert.Equal("rollout complete: 1 pods available", byKind["DaemonSet/node-agent"].Message);
        Assert.Equal("Job complete", byKind["Job/migrate"].Message);
        Assert.Equal("Bound", byKind["PersistentVolumeClaim/data"].Message);
        Assert.Equal("exists", byKind["ConfigMap/api-config"].Message);
    }

    [Fact]
    public async Task Check_NeverReadyDeployment_InProgressThenFailedWhenDeadlinePasses()
    {
        // KubeSim on a fake clock: the deadline passes when the test says so, not when a loaded machine gets there.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await KubeSimServer.StartAsync(new KubeSimOptions { TimeProvider = time });
        var cluster = new TestCluster(server.AddCluster("deadline"), null, null, null);
        cluster.Sim.Faults.NeverReadyImage("nginx:broken");
        var deployment = Fixtures.Deployment("default", "stuck", image: "nginx:broken");
        deployment["spec"]!["progressDeadlineSeconds"] = 1;
        Assert.True((await cluster.ApplyAsync("app", deployment)).Succeeded);
        await cluster.Sim.WhenControllersIdleAsync().WaitAsync(QuickWait.Timeout);

        var first = Assert.Single(await cluster.Health().CheckAsync([deployment]));
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await cluster.Health().WaitAsync([deployment], QuickWait);

        Assert.Equal(HealthStatus.InProgress, first.Status);
        Assert.Equal(HealthWaitOutcome.Failed, result.Outcome);
        var failed = Assert.Single(result.Objects);
        Assert.Equal(HealthStatus.Failed, failed.Status);
        Assert.StartsWith("rollout failed: ProgressDeadlineExceeded", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_NeverReadyWithinTimeout_TimedOutNamingTheObject()
    {
        var cluster = sim.NewCluster(nameof(Wait_NeverReadyWithinTimeout_TimedOutNamingTheObject));
        cluster.Sim.Faults.NeverReadyName("default/slow");
        var deployment = Fixtures.Deployment("default", "slow");
        Assert.True((await cluster.ApplyAsync("app", deployment)).Succeeded);

        var result = await cluster.Health().WaitAsync([deployment], QuickWait with { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(HealthWaitOutcome.TimedOut, result.Outcome);
        Assert.Equal("Deployment default/slow InProgress: available 0/2, ready 0/2 replicas", Assert.Single(result.NotCurrent).ToString());
    }

    [Fact]
    public async Task Check_JobWithFailedCondition_Failed()
    {
        var cluster = sim.NewCluster(nameof(Check_JobWithFailedCondition_Failed));
        var job = Fixtures.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"broken","namespace":"default"},
             "spec":{"suspend":true,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"x","image":"busybox"}]}}}}
            """);
        Assert.True((await cluster.ApplyAsync("app", job)).Succeeded);
        var status = """{"status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}}""";
        await cluster.Client.BatchV1.PatchNamespacedJobStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), "broken", "default");

        var health = Assert.Single(await cluster.Health().CheckAsync([job]));

        Assert.Equal(HealthStatus.Failed, health.Status);
        Assert.Equal("Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit", health.Message);
    }

    [Fact]
    public async Task Check_CustomResourceReadyConditionForOlderGeneration_InProgressUntilObserved()
    {
        var cluster = sim.NewCluster(nameof(Check_CustomResourceReadyConditionForOlderGeneration_InProgressUntilObserved));
        var widget = Fixtures.Parse("""{"apiVersion":"example.edgeplane.dev/v1","kind":"Widget","metadata":{"name":"w","namespace":"default"},"spec":{"size":1}}""");
        Assert.True((await cluster.ApplyAsync("app", [.. Fixtures.Load("widget-crd.json"), widget])).Succeeded);
        await PatchWidgetStatusAsync(cluster, observedGeneration: 1);
        Assert.Equal(HealthStatus.Current, Assert.Single(await cluster.Health().CheckAsync([widget])).Status);
        widget["spec"]!["size"] = 2;
        Assert.True((await cluster.ApplyAsync("app", [.. Fixtures.Load("widget-crd.json"), widget])).Succeeded);

        var stale = Assert.Single(await cluster.Health().CheckAsync([widget]));

        Assert.Equal(HealthStatus.InProgress, stale.Status);
        Assert.Equal("status is for generation 1, the object is at generation 2", stale.Message);
        await PatchWidgetStatusAsync(cluster, observedGeneration: 2);
        Assert.Equal(HealthStatus.Current, Assert.Single(await cluster.Health().CheckAsync([widget])).Status);
    }

    [Fact]
    public async Task Wait_KubeVirtVirtualMachine_CurrentWhenReadyWithInstanceRunning()
    {
        var cluster = sim.NewCluster(nameof(Wait_KubeVirtVirtualMachine_CurrentWhenReadyWithInstanceRunning));
        var vm = Fixtures.Parse("""
            {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vnf","namespace":"default"},
             "spec":{"runStrategy":"Always","template":{"spec":{"domain":{"devices":{}}}}}}
            """);
        Assert.True((await cluster.ApplyAsync("app", [.. Fixtures.Load("kubevirt-crds.json"), vm])).Succeeded);

        var result = await cluster.Health().WaitAsync([vm], QuickWait);

        Assert.Equal(HealthWaitOutcome.Current, result.Outcome);
        Assert.Equal("Ready, instance Running", Assert.Single(result.Objects).Message);
    }

    [Fact]
    public async Task Check_KubeVirtVirtualMachineNeverReady_InProgress()
    {
        var cluster = sim.NewCluster(nameof(Check_KubeVirtVirtualMachineNeverReady_InProgress));
        cluster.Sim.Faults.NeverReadyName("vnf");
        var vm = Fixtures.Parse("""{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vnf","namespace":"default"},"spec":{"running":true}}""");
        Assert.True((await cluster.ApplyAsync("app", [.. Fixtures.Load("kubevirt-crds.json"), vm])).Succeeded);

        var health = Assert.Single(await cluster.Health().CheckAsync([vm]));

        Assert.Equal(HealthStatus.InProgress, health.Status);
        Assert.Equal("waiting: Ready=False, instance not created", health.Message);
    }

    [Fact]
    public async Task Wait_FluxHelmReleaseAndKustomization_CurrentWhenReady()
    {
        var cluster = sim.NewCluster(nameof(Wait_FluxHelmReleaseAndKustomization_CurrentWhenReady));
        var release = Fixtures.Parse("""{"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease","metadata":{"name":"istio","namespace":"default"},"spec":{"interval":"5m","chart":{"spec":{"chart":"istiod"}}}}""");
        var kustomization = Fixtures.Parse("""{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"apps","namespace":"default"},"spec":{"interval":"5m","path":"./apps","prune":true}}""");
        Assert.True((await cluster.ApplyAsync("app", [.. Fixtures.Load("flux-crds.json"), release, kustomization])).Succeeded);

        var result = await cluster.Health().WaitAsync([release, kustomization], QuickWait);

        Assert.Equal(HealthWaitOutcome.Current, result.Outcome);
        Assert.All(result.Objects, h => Assert.StartsWith("Ready: ", h.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_MissingObject_NotFound()
    {
        var cluster = sim.NewCluster(nameof(Check_MissingObject_NotFound));

        var health = Assert.Single(await cluster.Health().CheckAsync([Fixtures.ConfigMap("default", "ghost")]));

        Assert.Equal("ConfigMap default/ghost NotFound: not found", health.ToString());
    }

    private static Task PatchWidgetStatusAsync(TestCluster cluster, long observedGeneration)
    {
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["observedGeneration"] = observedGeneration,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Reconciled" }),
            },
        };
        return cluster.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch),
            "example.edgeplane.dev", "v1", "default", "widgets", "w");
    }
}
