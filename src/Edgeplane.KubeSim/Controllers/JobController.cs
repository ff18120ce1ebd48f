using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>batch/v1 Job: active at once, then after the job delay succeeded = completions with SuccessCriteriaMet and Complete conditions. Suspended jobs stay idle.</summary>
internal sealed class JobController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: "batch", Kind: "Job", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Job;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var obj = context.Object;
        if (obj.IsDeleting() || obj["spec"].Bool("suspend") == true)
        {
            return null;
        }
        var completions = obj["spec"].Long("completions") ?? 1;
        var parallelism = obj["spec"].Long("parallelism") ?? 1;
        context.WriteStatus(DeploymentController.Manager, current =>
        {
            var old = current["status"] as JsonObject;
            if (old?["completionTime"] is not null)
            {
                return old.DeepClone().AsObject();
            }
            var status = new JsonObject { ["startTime"] = old.Str("startTime") ?? context.Now };
            if (!context.Ready)
            {
                status["active"] = Math.Min(parallelism, completions);
                status["ready"] = 0;
                status["terminating"] = 0;
                status["uncountedTerminatedPods"] = new JsonObject();
                return status;
            }
            status["completionTime"] = context.Now;
            status["succeeded"] = completions;
            status["ready"] = 0;
            status["terminating"] = 0;
            status["uncountedTerminatedPods"] = new JsonObject();
            status["conditions"] = new Conditions(old?["conditions"], context.Now)
                .Set("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods")
                .Set("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods").Result;
            return status;
        });
        return null;
    }
}
