using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// KubeVirt kubevirt.io VirtualMachine: with spec.running=true or runStrategy Always/RerunOnFailure/Once, after the VM
/// delay a VirtualMachineInstance (when that kind is served) is created in phase Running and the VM reports
/// ready, printableStatus Running and Ready=True. Halted/Manual or running=false stops it (the instance is deleted).
/// </summary>
internal sealed class VirtualMachineController : IKindController
{
    private const string Manager = "virt-controller";

    public bool Handles(ResourceType type) => type is { Group: "kubevirt.io", Kind: "VirtualMachine", IsCustom: true };

    public TimeSpan Delay(KubeSimDelays delays) => delays.VirtualMachine;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var vm = context.Object;
        if (vm.IsDeleting())
        {
            return null;
        }
        var strategy = vm["spec"].Str("runStrategy");
        var shouldRun = vm["spec"].Bool("running") ?? strategy is "Always" or "RerunOnFailure" or "Once";
        var running = shouldRun && context.Ready;
        var vmiType = context.Cluster.Catalog.All.FirstOrDefault(t => t.Group == "kubevirt.io" && t.Kind == "VirtualMachineInstance");
        if (vmiType is not null)
        {
            SyncInstance(context, vmiType, running);
        }
        context.WriteStatus(Manager, current =>
        {
            var printable = running ? "Running" : shouldRun ? "Starting" : "Stopped";
            var status = new JsonObject
            {
                ["created"] = running,
                ["ready"] = running,
                ["printableStatus"] = printable,
                ["observedGeneration"] = current.Generation(),
                ["desiredGeneration"] = current.Generation(),
            };
            status["conditions"] = new Conditions(current.At("status", "conditions"), context.Now)
                .Set("Ready", running ? "True" : "False", running ? "VirtualMachineRunning" : "VMINotExists",
                    running ? "The virtual machine is running (simulated by KubeSim)" : "VMI does not exist").Result;
            return status;
        });
        return null;
    }

    private static void SyncInstance(ControllerContext context, ResourceType vmiType, bool running)
    {
        var vm = context.Object;
        var ns = vm.Namespace();
        var name = vm.Name()!;
        if (!running)
        {
            if (context.Cluster.Find(vmiType.Key, ns, name) is not null)
            {
                context.Cluster.Delete(new Clusters.ObjectTarget(vmiType, ns, name), Clusters.DeleteOptions.Background);
            }
            return;
        }
        var instance = new JsonObject
        {
            ["apiVersion"] = vmiType.GroupVersion,
            ["kind"] = vmiType.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = vm.At("spec", "template", "metadata", "labels")?.DeepClone(),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = vm.Str("apiVersion"), ["kind"] = "VirtualMachine", ["name"] = name,
                    ["uid"] = vm.Uid(), ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = vm.At("spec", "template", "spec")?.DeepClone() ?? new JsonObject(),
        };
        context.Cluster.CreateIfMissing(vmiType, instance, Manager);
        context.Cluster.WriteStatus(vmiType, ns, name, Manager, current => new JsonObject
        {
            ["phase"] = "Running",
            ["nodeName"] = $"{context.Cluster.Name}-node-1",
            ["conditions"] = new Conditions(current.At("status", "conditions"), context.Now)
                .Set("Ready", "True", "Running", "The instance is running (simulated by KubeSim)").Result,
        });
    }
}
