using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>apps/v1 DaemonSet: one pod per node of the cluster, ready and available after the rollout delay.</summary>
internal sealed class DaemonSetController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: "apps", Kind: "DaemonSet", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Rollout;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (context.Object.IsDeleting())
        {
            return null;
        }
        var nodes = context.Cluster.ListAll(new ResourceKey("", "nodes")).Count;
        context.WriteStatus(DeploymentController.Manager, current =>
        {
            var ready = context.Ready ? nodes : 0;
            return new JsonObject
            {
                ["observedGeneration"] = current.Generation(),
                ["desiredNumberScheduled"] = nodes,
                ["currentNumberScheduled"] = nodes,
                ["updatedNumberScheduled"] = nodes,
                ["numberMisscheduled"] = 0,
                ["numberReady"] = ready,
                ["numberAvailable"] = ready,
                ["numberUnavailable"] = nodes - ready,
            };
        });
        return null;
    }
}
