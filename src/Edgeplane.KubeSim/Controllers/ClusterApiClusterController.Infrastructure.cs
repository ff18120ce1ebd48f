using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiClusterController
{
    /// <summary>Where a Cluster's infrastructure stands; <paramref name="At"/> is when it was provisioned.</summary>
    private sealed record InfrastructureState(bool Provisioned, string? At, string Reason, string Message, string? Failure, TimeSpan? DueIn)
    {
        public static InfrastructureState Done(string at) => new(true, at, "Ready", string.Empty, null, null);

        public static InfrastructureState Waiting(string reason, string message, TimeSpan? dueIn = null) => new(false, null, reason, message, null, dueIn);

        public static InfrastructureState Failed(string message) =>
            new(false, null, "ProvisioningFailed", $"{message} (injected by KubeSim)", message, null);
    }

    /// <summary>Evaluates the infrastructure step and reports it on the referenced infrastructure object.</summary>
    private static InfrastructureState Infrastructure(ControllerContext context)
    {
        var cluster = context.Object;
        var reference = InfrastructureRef(cluster);
        var (type, infrastructure) = reference is null ? (null, null) : Resolve(context.Cluster, cluster.Namespace(), reference);
        var state = Evaluate(context, reference, type, infrastructure);
        if (type is not null && infrastructure is not null)
        {
            context.Cluster.WriteStatus(type, type.Namespaced ? cluster.Namespace() : null, reference!.Name, Manager,
                current => InfrastructureStatus(current, state, context.Now));
        }
        return state;
    }

    /// <summary>
    /// Provisioned stays provisioned. Otherwise the infrastructure is provisioned <see cref="ClusterApiDelays.Provision"/>
    /// after the Cluster was created, once its object exists (at once without an infrastructureRef, as Cluster API does),
    /// unless a fault fails it. The moment recorded is when that was due, so a late reconcile does not shift later steps.
    /// </summary>
    private static InfrastructureState Evaluate(ControllerContext context, ClusterApiRef? reference, ResourceType? type, JsonObject? infrastructure)
    {
        var cluster = context.Object;
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        if (cluster.At("status", "initialization").Bool("infrastructureProvisioned") == true)
        {
            return InfrastructureState.Done(TrueSince(cluster, "InfrastructureReady") is { } since ? Format(since) : context.Now);
        }
        var created = Time(cluster.At("metadata").Str("creationTimestamp")) ?? now;
        if (reference is null)
        {
            return InfrastructureState.Done(Format(created));
        }
        if (type is null)
        {
            return InfrastructureState.Waiting("ObjectDoesNotExist", $"{reference} is not served: the CRD of {reference.Kind}.{reference.Group} is not installed");
        }
        if (infrastructure is null)
        {
            return InfrastructureState.Waiting("ObjectDoesNotExist", $"{reference} does not exist");
        }
        var due = created + context.Cluster.Runtime.Options.ClusterApiDelays.Provision;
        if (now < due)
        {
            return InfrastructureState.Waiting("NotReady", $"{reference} is being provisioned", due - now);
        }
        if (context.Cluster.Faults.ProvisioningFailure(cluster.Namespace(), cluster.Name()!) is { } failure)
        {
            return InfrastructureState.Failed(failure);
        }
        var appeared = Time(infrastructure.At("metadata").Str("creationTimestamp")) ?? now;
        return InfrastructureState.Done(Format(appeared > due ? appeared : due));
    }

    /// <summary>The infrastructure provider's status, in both contracts: v1beta1 <c>ready</c>, v1beta2 <c>initialization.provisioned</c>.</summary>
    private static JsonObject InfrastructureStatus(JsonObject current, InfrastructureState state, string now)
    {
        var status = current["status"]?.DeepClone() as JsonObject ?? [];
        status["ready"] = state.Provisioned;
        status.Obj("initialization")["provisioned"] = state.Provisioned;
        status.Remove("failureReason");
        status.Remove("failureMessage");
        if (state.Failure is { } failure)
        {
            status["failureReason"] = "CreateError";
            status["failureMessage"] = failure;
        }
        var conditions = new Conditions(status["conditions"], now);
        if (state.Provisioned)
        {
            conditions.Set("Ready", "True", "Ready", string.Empty, state.At);
        }
        else
        {
            conditions.Set("Ready", "False", state.Failure is null ? "NotReady" : state.Reason,
                state.Failure is null ? "provisioning (simulated by KubeSim)" : state.Message);
        }
        status["conditions"] = conditions.Result;
        return status;
    }
}
