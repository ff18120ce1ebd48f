using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s.Models;
using static Edgeplane.KubeSim.Tests.Infrastructure.CapiSim;

namespace Edgeplane.KubeSim.Tests.Controllers.ClusterApi;

/// <summary>
/// A version change of a provisioned cluster: the control plane reports the new version after the upgrade delay and
/// moves the workload cluster; workers follow only once the control plane is done, as Cluster API's preflight checks hold them.
/// </summary>
public sealed class ClusterApiUpgradeTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task VersionChange_ControlPlaneAfterTheDelay_ThenTheWorkers()
    {
        await using var sim = await StartAsync();
        await sim.ProvisionAsync("edge-u", "v1.31.4");
        var workload = sim.Server.Clusters["edge-u"];

        await PatchVersionAsync(sim, "KubeadmControlPlane", "edge-u-control-plane", "{\"spec\":{\"version\":\"v1.32.0\"}}");
        await PatchVersionAsync(sim, "MachineDeployment", "edge-u-workers", "{\"spec\":{\"template\":{\"spec\":{\"version\":\"v1.32.0\"}}}}");
        var rolling = await sim.WaitAsync("KubeadmControlPlane", "edge-u-control-plane", k => Condition(k, "Ready") == "False");
        var heldWorkers = await sim.WaitAsync("MachineDeployment", "edge-u-workers", m => Condition(m, "RollingOut") == "True");
        await sim.AdvanceAsync(Delays.Upgrade - Second);
        var almost = (Version(await sim.GetAsync("KubeadmControlPlane", "edge-u-control-plane")), workload.Version);
        await sim.AdvanceAsync(Second);
        var upgraded = await sim.WaitAsync("KubeadmControlPlane", "edge-u-control-plane", k => Condition(k, "Ready") == "True");
        var workersAfterControlPlane = Versions(await sim.GetAsync("MachineDeployment", "edge-u-workers"));
        await sim.AdvanceAsync(Delays.Upgrade - Second);
        var workersAlmost = Versions(await sim.GetAsync("MachineDeployment", "edge-u-workers"));
        await sim.AdvanceAsync(Second);
        var workers = await sim.WaitAsync("MachineDeployment", "edge-u-workers", m => Condition(m, "RollingOut") == "False");

        Assert.Equal(("v1.31.4", "RollingUpdateInProgress"), (Version(rolling), ConditionOf(rolling, "Ready")!["reason"]!.GetValue<string>()));
        Assert.Equal("rolling out v1.32.0: the control plane is rolling out v1.32.0 (ControlPlaneIsStable)", ConditionOf(heldWorkers, "RollingOut")!["message"]!.GetValue<string>());
        Assert.Equal(("v1.31.4", "v1.31.4"), almost);
        Assert.Equal(("v1.32.0", "v1.32.0"), (Version(upgraded), workload.Version));
        Assert.Equal("v1.31.4", workersAfterControlPlane);
        Assert.Equal("v1.31.4", workersAlmost);
        Assert.Equal(("v1.32.0", 2), (Versions(workers), workers["status"]!["upToDateReplicas"]!.GetValue<int>()));
    }

    [Fact]
    public async Task WorkersAheadOfTheControlPlane_HeldByTheSkewCheck()
    {
        await using var sim = await StartAsync();
        await sim.ProvisionAsync("edge-s", "v1.31.4");

        await PatchVersionAsync(sim, "MachineDeployment", "edge-s-workers", "{\"spec\":{\"template\":{\"spec\":{\"version\":\"v1.32.0\"}}}}");
        await sim.AdvanceAsync(TimeSpan.FromHours(1));
        var workers = await sim.WaitAsync("MachineDeployment", "edge-s-workers", m => Condition(m, "RollingOut") == "True");

        Assert.Equal("v1.31.4", Versions(workers));
        Assert.Equal("rolling out v1.32.0: the control plane runs v1.31.4, an older minor (KubernetesVersionSkew)", ConditionOf(workers, "RollingOut")!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ControlPlaneVersionNotAVersion_RefusedAndNothingMoves()
    {
        await using var sim = await StartAsync();
        await sim.ProvisionAsync("edge-i", "v1.31.4");

        await PatchVersionAsync(sim, "KubeadmControlPlane", "edge-i-control-plane", "{\"spec\":{\"version\":\"1.32\"}}");
        await sim.AdvanceAsync(TimeSpan.FromHours(1));
        var controlPlane = await sim.WaitAsync("KubeadmControlPlane", "edge-i-control-plane", k => Condition(k, "Ready") == "False");

        Assert.Equal(("v1.31.4", "InvalidVersion"), (Version(controlPlane), ConditionOf(controlPlane, "Ready")!["reason"]!.GetValue<string>()));
        Assert.Equal("\"1.32\" is not a Kubernetes version like v1.31.4", ConditionOf(controlPlane, "Ready")!["message"]!.GetValue<string>());
        Assert.Equal("v1.31.4", sim.Server.Clusters["edge-i"].Version);
    }

    [Fact]
    public async Task ControlPlaneNeverReady_HoldsAnUpgrade()
    {
        await using var sim = await StartAsync();
        await sim.ProvisionAsync("edge-h", "v1.31.4");
        sim.Management.Faults.NeverReadyControlPlane("edge-h");

        await PatchVersionAsync(sim, "KubeadmControlPlane", "edge-h-control-plane", "{\"spec\":{\"version\":\"v1.32.0\"}}");
        await sim.AdvanceAsync(TimeSpan.FromHours(1));
        var controlPlane = await sim.WaitAsync("KubeadmControlPlane", "edge-h-control-plane", k => Condition(k, "RollingOut") == "True");

        Assert.Equal("v1.31.4", Version(controlPlane));
        Assert.Equal("rolling out v1.32.0: the control plane never becomes ready (injected by KubeSim)", ConditionOf(controlPlane, "Ready")!["message"]!.GetValue<string>());
        Assert.Equal("v1.31.4", sim.Server.Clusters["edge-h"].Version);
    }

    private static async Task PatchVersionAsync(CapiSim sim, string kind, string name, string patch)
    {
        var (group, version, plural) = CapiManifests.Resource(kind);
        await sim.Client.PatchAsync(group, version, plural, Namespace, name, patch, V1Patch.PatchType.MergePatch);
    }

    private static string? Version(JsonObject controlPlane) => controlPlane["status"]?["version"]?.GetValue<string>();

    private static string? Versions(JsonObject machines) => machines["status"]?["versions"]?[0]?["version"]?.GetValue<string>();
}
