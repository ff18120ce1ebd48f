using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiClusterController
{
    /// <summary>
    /// The control plane as the Cluster mirrors it: <paramref name="Reason"/> is ControlPlaneAvailable's when it is not
    /// available; <paramref name="Summary"/> becomes <c>status.controlPlane</c>.
    /// </summary>
    private sealed record ControlPlaneState(bool Initialized, string? InitializedAt, bool Available, string Reason, string Message, JsonObject? Summary);

    private static ControlPlaneState ControlPlane(ControllerContext context)
    {
        var cluster = context.Object;
        var initialized = ControlPlaneInitialized(cluster);
        var since = TrueSince(cluster, "ControlPlaneInitialized") is { } at ? Format(at) : null;
        if (ControlPlaneRef(cluster) is not { } reference)
        {
            return new(initialized, since, false, "NotAvailable", "the Cluster has no spec.controlPlaneRef (KubeSim simulates no control-plane Machines)", null);
        }
        var (type, controlPlane) = Resolve(context.Cluster, cluster.Namespace(), reference);
        if (type is null || controlPlane is null)
        {
            var why = type is null ? $"{reference} is not served: the CRD of {reference.Kind}.{reference.Group} is not installed" : $"{reference} does not exist";
            return new(initialized, since, false, "ObjectDoesNotExist", why, null);
        }
        var status = controlPlane["status"];
        initialized |= status.At("initialization").Bool("controlPlaneInitialized") == true || status.Bool("initialized") == true;
        since ??= TrueSince(controlPlane, "Initialized") is { } cpAt ? Format(cpAt) : null;
        var available = Condition(controlPlane, "Available") is { } condition && condition.Str("status") == "True";
        var message = initialized ? string.Empty : Condition(controlPlane, "Initialized")?.Str("message") is { Length: > 0 } text ? text : $"{reference} is not initialized";
        var summary = new JsonObject { ["desiredReplicas"] = controlPlane.At("spec").Long("replicas") ?? 1 };
        foreach (var field in new[] { "replicas", "readyReplicas", "availableReplicas", "upToDateReplicas" })
        {
            if (status.Long(field) is { } value)
            {
                summary[field] = value;
            }
        }
        return new(initialized, since, available, "NotAvailable", message, summary);
    }

    /// <summary>
    /// The upstream v1beta2 status: phase (Pending without references, Provisioning, Provisioned once the infrastructure
    /// is provisioned and the control plane initialized, Failed by fault), initialization and the conditions
    /// InfrastructureReady, ControlPlaneInitialized, ControlPlaneAvailable, Available. A v1beta1 Cluster also gets the
    /// v1beta1 fields its readers look for (infrastructureReady, controlPlaneReady, failureReason/failureMessage).
    /// </summary>
    private static JsonObject Status(JsonObject current, InfrastructureState infrastructure, ControlPlaneState controlPlane, ControllerContext context)
    {
        var provisioned = infrastructure.Provisioned;
        var hasRefs = InfrastructureRef(current) is not null || ControlPlaneRef(current) is not null;
        var phase = infrastructure.Failure is not null ? "Failed" : provisioned && controlPlane.Initialized ? "Provisioned" : hasRefs ? "Provisioning" : "Pending";
        var status = new JsonObject
        {
            ["observedGeneration"] = current.Generation(),
            ["phase"] = phase,
            ["initialization"] = new JsonObject { ["infrastructureProvisioned"] = provisioned, ["controlPlaneInitialized"] = controlPlane.Initialized },
        };
        if (controlPlane.Summary is not null)
        {
            status["controlPlane"] = controlPlane.Summary;
        }
        var available = phase == "Provisioned" && controlPlane.Available;
        var conditions = new Conditions(current.At("status", "conditions"), context.Now)
            .Set("InfrastructureReady", provisioned ? "True" : "False", provisioned ? "Ready" : infrastructure.Reason, infrastructure.Message, infrastructure.At)
            .Set("ControlPlaneInitialized", controlPlane.Initialized ? "True" : "False", controlPlane.Initialized ? "Initialized" : "NotInitialized",
                controlPlane.Initialized ? string.Empty : controlPlane.Message, controlPlane.InitializedAt)
            .Set("ControlPlaneAvailable", controlPlane.Available ? "True" : "False", controlPlane.Available ? "Available" : controlPlane.Reason,
                controlPlane.Available ? string.Empty : controlPlane.Message)
            .Set("Available", available ? "True" : "False", available ? "Available" : "NotAvailable",
                available ? string.Empty : NotAvailable(infrastructure, controlPlane));
        status["conditions"] = conditions.Result;
        AddFailure(current, status, infrastructure.Failure, controlPlane.Available);
        return status;
    }

    private static string NotAvailable(InfrastructureState infrastructure, ControlPlaneState controlPlane) =>
        !infrastructure.Provisioned ? $"InfrastructureReady: {infrastructure.Message}"
            : !controlPlane.Initialized ? $"ControlPlaneInitialized: {controlPlane.Message}"
            : $"ControlPlaneAvailable: {controlPlane.Message}";

    /// <summary>Failure details where each API version keeps them; v1beta1 readers also get the two ready flags.</summary>
    private static void AddFailure(JsonObject current, JsonObject status, string? failure, bool controlPlaneReady)
    {
        var v1beta1 = current.Str("apiVersion") == $"{CoreGroup}/v1beta1";
        if (v1beta1)
        {
            status["infrastructureReady"] = status.At("initialization").Bool("infrastructureProvisioned");
            status["controlPlaneReady"] = controlPlaneReady;
        }
        if (failure is null)
        {
            return;
        }
        var details = v1beta1 ? status : status.Obj("deprecated").Obj("v1beta1");
        details["failureReason"] = "CreateError";
        details["failureMessage"] = failure;
    }
}
