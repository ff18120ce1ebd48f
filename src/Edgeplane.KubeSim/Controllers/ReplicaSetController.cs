using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>apps/v1 ReplicaSet: all replicas ready and available after the rollout delay.</summary>
internal sealed class ReplicaSetController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: "apps", Kind: "ReplicaSet", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Rollout;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (context.Object.IsDeleting())
        {
            return null;
        }
        var replicas = context.Object["spec"].Long("replicas") ?? 1;
        context.WriteStatus(DeploymentController.Manager, current =>
        {
            var status = new JsonObject
            {
                ["observedGeneration"] = current.Generation(),
                ["replicas"] = replicas,
                ["fullyLabeledReplicas"] = replicas,
            };
            if (context.Ready)
            {
                status["readyReplicas"] = replicas;
                status["availableReplicas"] = replicas;
            }
            return status;
        });
        return null;
    }
}
