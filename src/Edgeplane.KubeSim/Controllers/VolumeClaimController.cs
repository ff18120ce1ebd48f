using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>PersistentVolumeClaims become Bound after the binding delay, with the requested capacity and access modes. No PersistentVolume is created.</summary>
internal sealed class VolumeClaimController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: "", Kind: "PersistentVolumeClaim" };

    public TimeSpan Delay(KubeSimDelays delays) => delays.VolumeBinding;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (context.Object.IsDeleting())
        {
            return null;
        }
        context.WriteStatus(DeploymentController.Manager, current =>
        {
            if (!context.Ready)
            {
                return new JsonObject { ["phase"] = "Pending" };
            }
            var status = new JsonObject
            {
                ["phase"] = "Bound",
                ["accessModes"] = current.At("spec", "accessModes")?.DeepClone() ?? JsonUtil.Strings(["ReadWriteOnce"]),
            };
            if (current.At("spec", "resources", "requests", "storage") is { } storage)
            {
                status["capacity"] = new JsonObject { ["storage"] = storage.DeepClone() };
            }
            return status;
        });
        return null;
    }
}
