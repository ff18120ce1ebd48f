using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Health;
using k8s;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// Issue #3 done-when: bundles rendered from examples/fleet, applied by the engine to KubeSim, become healthy with
/// KubeSim's controllers, and re-applying them writes nothing.
/// </summary>
public sealed class ExampleBundleApplyTests
{
    private static readonly string[] ControlledKinds =
        ["Deployment", "DaemonSet", "StatefulSet", "VirtualMachine", "HelmRelease", "Plan"]; // and every Cluster API object, simulated by KubeSim

    /// <summary>A Cluster API MachineDeployment or MachinePool: written once its control plane is Current.</summary>
    private static bool IsWorkerPool(System.Text.Json.Nodes.JsonObject o) =>
        ((string?)o["apiVersion"])?.StartsWith("cluster.x-k8s.io/", StringComparison.Ordinal) == true && (string?)o["kind"] is "MachineDeployment" or "MachinePool";

    [Theory]
    [InlineData("edge-muc-01")] // RAN site: the DU CNF, the vRouter VNF (KubeVirt VM), Multus, Calico, Istio, Flux, monitoring
    [InlineData("eks-eu-west")] // cloud management cluster: Cluster API objects of the provisioned regional clusters, Helm add-ons, analytics
    [InlineData("aks-us-east")] // cloud workload cluster: Trino from an OCI chart, dashboards, cert-manager
    public async Task Apply_ExampleBundle_AllCreatedThenHealthyThenUnchanged(string cluster)
    {
        using var fleet = new ExampleFleetCopy();
        var bundle = fleet.Render(cluster);
        var request = ExampleFleetCopy.Request(bundle);
        await using var site = await ExampleSite.StartAsync(cluster);

        var first = await site.ApplyAsync(request);
        var beforeControllers = await site.CheckAsync(request.Objects.Where(o => !IsWorkerPool(o)));
        var planes = await site.AdvanceAndWaitHealthyAsync(request.Objects.Where(o => ((string?)o["kind"])?.EndsWith("ControlPlane", StringComparison.Ordinal) == true));
        // The worker pools waited for their control planes (now Current): the next apply writes them.
        var workers = await site.ApplyAsync(request);
        var healthy = await site.AdvanceAndWaitHealthyAsync(request.Objects);
        await site.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var sample = await site.Client.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system");
        var clusterVersion = site.Sim.ResourceVersion;
        var second = await site.ApplyAsync(request);

        Assert.True(first.Succeeded, string.Join("\n", first.Failures));
        Assert.Equal(bundle.Objects.Count, first.ChangeSet.Entries.Count);
        var deferred = first.Deferred.Select(d => d.Object).ToHashSet();
        Assert.Equal(request.Objects.Where(IsWorkerPool).Select(Edgeplane.Kubernetes.Objects.ObjectRef.Of).ToHashSet(), deferred);
        Assert.All(first.ChangeSet.Entries.Where(e => !deferred.Contains(e.Object)), e => Assert.Equal(ChangeAction.Created, e.Action));
        Assert.All(workers.ChangeSet.Entries, e => Assert.Equal(deferred.Contains(e.Object) ? ChangeAction.Created : ChangeAction.Unchanged, e.Action));
        Assert.Empty(workers.Deferred);
        Assert.Equal(HealthWaitOutcome.Current, planes.Outcome);
        Assert.Equal((bundle.Digest, bundle.Revision), (first.Inventory!.Digest, first.Inventory.Revision));
        // Until the controllers' delay passes, workloads, VMs, Helm releases and the Cluster API objects (clusters, their
        // infrastructure and control planes) are in progress (nothing failed).
        var waiting = beforeControllers.Where(h => h.Status != HealthStatus.Current).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, h => Assert.True(h.Status == HealthStatus.InProgress
            && (ControlledKinds.Contains(h.Object.Kind) || h.Object.Group.EndsWith("cluster.x-k8s.io", StringComparison.Ordinal)), h.ToString()));
        Assert.True(healthy.Outcome == HealthWaitOutcome.Current, string.Join("\n", healthy.NotCurrent));
        Assert.Equal(bundle.Objects.Count, healthy.Objects.Count);
        Assert.True(second.Succeeded, string.Join("\n", second.Failures));
        Assert.All(second.ChangeSet.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(bundle.Objects.Count, second.ChangeSet.Entries.Count);
        Assert.Equal(clusterVersion, site.Sim.ResourceVersion); // nothing at all was written
        var after = await site.Client.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system");
        Assert.Equal(sample.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }
}
