using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using static Edgeplane.KubeSim.Tests.Infrastructure.CapiSim;

namespace Edgeplane.KubeSim.Tests.Controllers.ClusterApi;

/// <summary>Failure injection for Cluster API: provisioning that fails, a control plane that never becomes ready.</summary>
public sealed class ClusterApiFaultTests
{
    [Fact]
    public async Task ProvisioningFails_ClusterFailedUntilTheFaultIsCleared()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Server.BaseUri };
        var injected = await http.PostAsJsonAsync("_sim/clusters/mgmt/faults", new { provisioningFails = new object[] { new { cluster = "edge-f", message = "quota exceeded" } } });
        foreach (var obj in CapiManifests.KubeadmCluster("edge-f", "v1.31.4"))
        {
            await sim.CreateAsync(obj);
        }

        await sim.AdvanceAsync(Delays.Provision + Delays.ControlPlane);
        var failed = await sim.WaitAsync("Cluster", "edge-f", c => Phase(c) == "Failed");
        var infrastructure = await sim.GetAsync("OpenStackCluster", "edge-f");
        var hostedWhileFailed = sim.Server.Clusters.ContainsKey("edge-f");
        var cleared = await http.DeleteAsync("_sim/clusters/mgmt/faults");
        await sim.Management.WhenControllersIdleAsync();
        var recovered = await sim.WaitAsync("Cluster", "edge-f", c => Phase(c) == "Provisioned");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (injected.StatusCode, cleared.StatusCode));
        Assert.Equal(("False", "ProvisioningFailed"), (Condition(failed, "InfrastructureReady"), ConditionOf(failed, "InfrastructureReady")!["reason"]!.GetValue<string>()));
        Assert.Equal("quota exceeded (injected by KubeSim)", ConditionOf(failed, "InfrastructureReady")!["message"]!.GetValue<string>());
        Assert.Equal("quota exceeded", failed["status"]!["deprecated"]!["v1beta1"]!["failureMessage"]!.GetValue<string>());
        Assert.Equal(("False", "quota exceeded"), (Condition(infrastructure, "Ready"), infrastructure["status"]!["failureMessage"]!.GetValue<string>()));
        Assert.False(hostedWhileFailed);
        Assert.True(sim.Server.Clusters.ContainsKey("edge-f"));
        Assert.Equal("True", Condition(recovered, "Available"));
    }

    [Fact]
    public async Task ControlPlaneNeverReady_ClusterStaysProvisioningWithoutAWorkloadCluster()
    {
        await using var sim = await StartAsync();
        sim.Management.Faults.NeverReadyControlPlane("default/edge-n");
        foreach (var obj in CapiManifests.KubeadmCluster("edge-n", "v1.31.4"))
        {
            await sim.CreateAsync(obj);
        }

        await sim.AdvanceAsync(Delays.Provision);
        await sim.AdvanceAsync(TimeSpan.FromHours(1));
        var cluster = await sim.WaitAsync("Cluster", "edge-n", c => Condition(c, "InfrastructureReady") == "True");
        var controlPlane = await sim.GetAsync("KubeadmControlPlane", "edge-n-control-plane");
        var workers = await sim.GetAsync("MachineDeployment", "edge-n-workers");
        var secret = await ApiError.StatusOf(() => sim.Client.CoreV1.ReadNamespacedSecretAsync("edge-n-kubeconfig", "default"), 404);

        Assert.Equal("Provisioning", Phase(cluster));
        Assert.Equal("False", Condition(cluster, "ControlPlaneInitialized"));
        Assert.Equal("the control plane never becomes ready (injected by KubeSim)", ConditionOf(cluster, "ControlPlaneInitialized")!["message"]!.GetValue<string>());
        Assert.Equal(("False", false), (Condition(controlPlane, "Initialized"), controlPlane["status"]!["initialization"]!["controlPlaneInitialized"]!.GetValue<bool>()));
        Assert.Equal(("ScalingUp", 0), (Phase(workers), workers["status"]!["readyReplicas"]!.GetValue<int>()));
        Assert.Equal("NotFound", secret["reason"]!.GetValue<string>());
        Assert.False(sim.Server.Clusters.ContainsKey("edge-n"));
    }

    [Fact]
    public async Task AdminFaults_ClusterApiRules_AreListedAndAMalformedOneChangesNothing()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Server.BaseUri };

        var set = await http.PostAsync("_sim/clusters/mgmt/faults", Json("{\"provisioningFails\":[\"a\",{\"cluster\":\"ns/b\",\"message\":\"no quota\"}],\"controlPlaneNeverReady\":[\"c\"]}"));
        var listed = await http.GetFromJsonAsync<JsonObject>("_sim/clusters/mgmt/faults");
        var bad = await http.PostAsync("_sim/clusters/mgmt/faults", Json("{\"provisioningFails\":[7],\"controlPlaneNeverReady\":[\"d\"]}"));
        var badBody = await bad.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("[{\"cluster\":\"a\",\"message\":\"the infrastructure provider failed to create the cluster's infrastructure\"},{\"cluster\":\"ns/b\",\"message\":\"no quota\"}]",
            listed!["provisioningFails"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("[\"c\"]", listed["controlPlaneNeverReady"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("provisioningFails entries are a Cluster name or {\"cluster\":…,\"message\":…}, not 7", badBody!["error"]!.GetValue<string>());
        Assert.Equal(["c"], sim.Management.Faults.NeverReadyControlPlanes);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
