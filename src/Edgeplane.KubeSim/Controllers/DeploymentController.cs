using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// apps/v1 Deployment rollout as the deployment controller reports it: first progressing and unavailable, then after
/// the rollout delay all replicas updated/ready/available with Available=True and Progressing=True
/// (NewReplicaSetAvailable). A deployment that never becomes ready gets Progressing=False (ProgressDeadlineExceeded)
/// after spec.progressDeadlineSeconds. No ReplicaSets or Pods are created.
/// </summary>
internal sealed class DeploymentController : IKindController
{
    public const string Manager = "kube-controller-manager";

    public bool Handles(ResourceType type) => type is { Group: "apps", Kind: "Deployment", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Rollout;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var obj = context.Object;
        if (obj.IsDeleting())
        {
            return null;
        }
        var replicas = obj["spec"].Long("replicas") ?? 1;
        var deadline = TimeSpan.FromSeconds(obj["spec"].Long("progressDeadlineSeconds") ?? 600);
        var ready = context.Ready || replicas == 0;
        var exceeded = !ready && context.SinceObserved >= deadline;
        var rsName = $"{obj.Name()}-{WorkloadNames.TemplateHash(obj.At("spec", "template"))}";
        context.WriteStatus(Manager, current => Status(current, replicas, ready, exceeded, rsName, context.Now));
        return ready || exceeded ? null : deadline - context.SinceObserved;
    }

    private static JsonObject Status(JsonObject obj, long replicas, bool ready, bool exceeded, string rsName, string now)
    {
        var status = new JsonObject { ["observedGeneration"] = obj.Generation() };
        if (replicas > 0)
        {
            status["replicas"] = replicas;
            status["updatedReplicas"] = replicas;
            if (ready)
            {
                status["readyReplicas"] = replicas;
                status["availableReplicas"] = replicas;
            }
            else
            {
                status["unavailableReplicas"] = replicas;
            }
        }
        var conditions = new Conditions(obj.At("status", "conditions"), now, withUpdateTime: true);
        if (ready)
        {
            conditions.Set("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
            conditions.Set("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.");
        }
        else
        {
            conditions.Set("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
            if (exceeded)
            {
                conditions.Set("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.");
            }
            else
            {
                conditions.Set("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.");
            }
        }
        status["conditions"] = conditions.Result;
        return status;
    }
}
