using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Tests.Infrastructure;

namespace Edgeplane.KubeSim.Tests.Controllers;

public sealed class WorkloadControllerTests
{
    private static string? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["status"]?.GetValue<string>();

    [Fact]
    public async Task Deployment_ProgressingThenAvailableAfterDelay()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        await sim.Client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));

        var progressing = await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Progressing") == "True");
        sim.Time.Advance(FakeTimeSim.Delay);
        var available = await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Available") == "True");

        Assert.Equal("False", Condition(progressing, "Available"));
        Assert.Equal(2, progressing["status"]!["unavailableReplicas"]!.GetValue<int>());
        Assert.Equal(1, available["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, available["status"]!["availableReplicas"]!.GetValue<int>());
        Assert.Equal(2, available["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task WhenControllersIdle_EveryChangeReconciled_LaterWorkWaitsForTheClock()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        var names = Enumerable.Range(0, 20).Select(i => $"web-{i}").ToList();
        foreach (var name in names)
        {
            var deployment = Fixtures.Json("deployment.json");
            deployment["metadata"]!["name"] = name;
            await sim.Client.CreateAsync("apps", "v1", "deployments", "default", deployment);
        }

        await sim.Cluster.WhenControllersIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var idle = sim.Cluster.ResourceVersion;
        var progressing = await Task.WhenAll(names.Select(n => sim.Client.GetAsync("apps", "v1", "deployments", "default", n)));
        var afterReads = sim.Cluster.ResourceVersion;
        sim.Time.Advance(FakeTimeSim.Delay);
        await sim.Cluster.WhenControllersIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var idleAgain = sim.Cluster.ResourceVersion;
        var available = await Task.WhenAll(names.Select(n => sim.Client.GetAsync("apps", "v1", "deployments", "default", n)));

        // Idle means every status write had landed: nothing more was written while the test read, until the clock moved.
        Assert.Equal(idle, afterReads);
        Assert.All(progressing, d => Assert.Equal(("True", "False"), (Condition(d, "Progressing"), Condition(d, "Available"))));
        Assert.Equal(idleAgain, sim.Cluster.ResourceVersion);
        Assert.All(available, d => Assert.Equal("True", Condition(d, "Available")));
    }

    [Fact]
    public async Task Deployment_NeverReadyImage_ProgressDeadlineExceeded()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        sim.Cluster.Faults.NeverReadyImage("nginx");
        await sim.Client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));
        await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Progressing") == "True");

        sim.Time.Advance(TimeSpan.FromSeconds(600));
        var stuck = await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Progressing") == "False");

        Assert.Equal("False", Condition(stuck, "Available"));
        Assert.Contains("ProgressDeadlineExceeded", stuck.ToJsonString());
    }

    [Fact]
    public async Task Deployment_NeverReadyName_ClearedFaultBecomesAvailable()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        sim.Cluster.Faults.NeverReadyName("default/web");
        await sim.Client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));
        sim.Time.Advance(FakeTimeSim.Delay);
        var held = await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Available") == "False");

        sim.Cluster.Faults.AllowName("default/web");
        var available = await sim.StatusAsync("apps", "v1", "deployments", "web", d => Condition(d, "Available") == "True");

        Assert.Null(held["status"]!["availableReplicas"]);
        Assert.Equal(2, available["status"]!["availableReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deployment_ClockMovedBeforeControllersRead_DelayCountsFromTheWrite()
    {
        await using var sim = await FakeTimeSim.StartAsync();

        CreateThenAdvanceBeforeControllersRead(sim, Fixtures.Json("deployment.json"), FakeTimeSim.Delay);
        await sim.Cluster.WhenControllersIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var deployment = await sim.Client.GetAsync("apps", "v1", "deployments", "default", "web");

        Assert.Equal("True", Condition(deployment, "Available"));
        Assert.Equal(2, deployment["status"]!["availableReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deployment_ClockMovedBeforeControllersRead_ClearedFaultBecomesAvailable()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        sim.Cluster.Faults.NeverReadyName("default/web");
        CreateThenAdvanceBeforeControllersRead(sim, Fixtures.Json("deployment.json"), FakeTimeSim.Delay);
        await sim.Cluster.WhenControllersIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var held = await sim.Client.GetAsync("apps", "v1", "deployments", "default", "web");

        sim.Cluster.Faults.AllowName("default/web");
        await sim.Cluster.WhenControllersIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var available = await sim.Client.GetAsync("apps", "v1", "deployments", "default", "web");

        Assert.Equal(("False", "True"), (Condition(held, "Available"), Condition(held, "Progressing")));
        Assert.Null(held["status"]!["availableReplicas"]);
        Assert.Equal("True", Condition(available, "Available"));
        Assert.Equal(2, available["status"]!["availableReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task StatefulSetAndDaemonSet_ReadyAfterDelay()
    {
        await using var sim = await FakeTimeSim.StartAsync(nodes: 3);
        var template = Fixtures.Json("deployment.json")["spec"]!.AsObject();
        await sim.Client.CreateAsync("apps", "v1", "statefulsets", "default", Workload("StatefulSet", "db", template));
        await sim.Client.CreateAsync("apps", "v1", "daemonsets", "default", Workload("DaemonSet", "agent", template));
        await sim.StatusAsync("apps", "v1", "statefulsets", "db", s => s["status"]?["observedGeneration"] is not null);
        await sim.StatusAsync("apps", "v1", "daemonsets", "agent", s => s["status"]?["observedGeneration"] is not null);

        sim.Time.Advance(FakeTimeSim.Delay);
        var sts = await sim.StatusAsync("apps", "v1", "statefulsets", "db", s => s["status"]?["readyReplicas"] is not null);
        var ds = await sim.StatusAsync("apps", "v1", "daemonsets", "agent", s => s["status"]!["numberReady"]!.GetValue<int>() == 3);

        Assert.Equal(2, sts["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(3, ds["status"]!["desiredNumberScheduled"]!.GetValue<int>());
    }

    [Fact]
    public async Task Job_CompletesAfterDelay()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        var job = JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate","namespace":"default"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"m","image":"migrate:1"}]}}}}
            """)!.AsObject();
        await sim.Client.CreateAsync("batch", "v1", "jobs", "default", job);
        var active = await sim.StatusAsync("batch", "v1", "jobs", "migrate", j => j["status"]?["active"] is not null);

        sim.Time.Advance(FakeTimeSim.Delay);
        var done = await sim.StatusAsync("batch", "v1", "jobs", "migrate", j => Condition(j, "Complete") == "True");

        Assert.Equal(1, active["status"]!["active"]!.GetValue<int>());
        Assert.Equal(1, done["status"]!["succeeded"]!.GetValue<int>());
        Assert.NotNull(done["status"]!["completionTime"]);
    }

    [Fact]
    public async Task PersistentVolumeClaim_BoundAfterDelay()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        var pvc = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"default"},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}}}}
            """)!.AsObject();
        await sim.Client.CreateAsync("", "v1", "persistentvolumeclaims", "default", pvc);
        await sim.StatusAsync("", "v1", "persistentvolumeclaims", "data", p => p["status"]?["phase"]?.GetValue<string>() == "Pending");

        sim.Time.Advance(FakeTimeSim.Delay);
        var bound = await sim.StatusAsync("", "v1", "persistentvolumeclaims", "data", p => p["status"]?["phase"]?.GetValue<string>() == "Bound");

        Assert.Equal("5Gi", bound["status"]!["capacity"]!["storage"]!.GetValue<string>());
    }

    /// <summary>
    /// Writes the object and moves the clock before any controller reads it: the controllers read under the cluster's
    /// lock, so holding it across both opens for certain the window a busy machine opens by chance (the test thread
    /// moving the clock right after the write, before a worker gets to the object).
    /// </summary>
    private static void CreateThenAdvanceBeforeControllersRead(FakeTimeSim sim, JsonObject obj, TimeSpan advance)
    {
        var cluster = sim.Cluster.Inner;
        var type = ResourceCatalog.Builtin.FindKind("apps", obj["kind"]!.GetValue<string>())!;
        lock (cluster.Sync)
        {
            cluster.Create(new ObjectTarget(type, "default", null), obj, WriteOptions.Controller("test"));
            sim.Time.Advance(advance);
        }
    }

    private static JsonObject Workload(string kind, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = spec.DeepClone(),
    };
}
