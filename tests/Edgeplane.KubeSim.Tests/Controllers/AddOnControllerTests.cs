using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Controllers;

public sealed class AddOnControllerTests
{
    private static string? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["status"]?.GetValue<string>();

    [Fact]
    public async Task VirtualMachine_Running_InstanceRunningAndReady()
    {
        await using var sim = await FakeTimeSim.StartAsync();
        var vm = JsonNode.Parse("""
            {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vnf","namespace":"default"},
             "spec":{"runStrategy":"Always","template":{"metadata":{"labels":{"app":"vnf"}},"spec":{"domain":{"devices":{}}}}}}
            """)!.AsObject();
        await sim.Client.CreateAsync("kubevirt.io", "v1", "virtualmachines", "default", vm);
        var starting = await sim.StatusAsync("kubevirt.io", "v1", "virtualmachines", "vnf", v => v["status"]?["printableStatus"] is not null);

        sim.Time.Advance(FakeTimeSim.Delay);
        var running = await sim.StatusAsync("kubevirt.io", "v1", "virtualmachines", "vnf", v => Condition(v, "Ready") == "True");
        var vmi = await sim.StatusAsync("kubevirt.io", "v1", "virtualmachineinstances", "vnf", v => v["status"]?["phase"] is not null);

        Assert.Equal("Starting", starting["status"]!["printableStatus"]!.GetValue<string>());
        Assert.Equal("Running", running["status"]!["printableStatus"]!.GetValue<string>());
        Assert.Equal("Running", vmi["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(running["metadata"]!["uid"]!.GetValue<string>(), vmi["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("helm.toolkit.fluxcd.io", "v2", "helmreleases", "HelmRelease", "InstallSucceeded")]
    [InlineData("kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "Kustomization", "ReconciliationSucceeded")]
    public async Task Flux_ReadyWithObservedGenerationAfterDelay(string group, string version, string plural, string kind, string reason)
    {
        await using var sim = await FakeTimeSim.StartAsync();
        var obj = new JsonObject
        {
            ["apiVersion"] = $"{group}/{version}",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "addon", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["interval"] = "5m" },
        };
        await sim.Client.CreateAsync(group, version, plural, "default", obj);
        var progressing = await sim.StatusAsync(group, version, plural, "addon", o => Condition(o, "Ready") == "Unknown");

        sim.Time.Advance(FakeTimeSim.Delay);
        var ready = await sim.StatusAsync(group, version, plural, "addon", o => Condition(o, "Ready") == "True");

        Assert.Null(progressing["status"]!["observedGeneration"]);
        Assert.Equal(1, ready["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Contains(reason, ready["status"]!["conditions"]!.ToJsonString());
    }
}
