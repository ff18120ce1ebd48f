using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>apps/v1 StatefulSet: replicas current/updated at once, ready and available after the rollout delay; revisions from the template hash.</summary>
internal sealed class StatefulSetController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: "apps", Kind: "StatefulSet", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Rollout;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (context.Object.IsDeleting())
        {
            return null;
        }
        var replicas = context.Object["spec"].Long("replicas") ?? 1;
        var revision = $"{context.Object.Name()}-{WorkloadNames.TemplateHash(context.Object.At("spec", "template"))}";
        context.WriteStatus(DeploymentController.Manager, current =>
        {
            var status = new JsonObject
            {
                ["observedGeneration"] = current.Generation(),
                ["replicas"] = replicas,
                ["currentReplicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["currentRevision"] = revision,
                ["updateRevision"] = revision,
                ["collisionCount"] = 0,
            };
            if (context.Ready)
            {
                status["readyReplicas"] = replicas;
                status["availableReplicas"] = replicas;
            }
            else
            {
                status["availableReplicas"] = 0;
            }
            return status;
        });
        return null;
    }
}
