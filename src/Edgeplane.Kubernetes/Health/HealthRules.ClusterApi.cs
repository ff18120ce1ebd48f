using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

/// <summary>
/// Cluster API (v1beta2 status, with the v1beta1 fields read where they differ): a Cluster is Current once provisioned
/// and available; a control plane once it runs the version it asks for and is ready; a MachineDeployment or MachinePool
/// once every replica is ready and up to date. So a Kubernetes upgrade is in progress in the bundle until the machines
/// run it (the upstream order: control plane first, then workers).
/// </summary>
public static partial class HealthRules
{
    /// <summary>The API group of Cluster API's core kinds (Cluster, MachineDeployment, MachinePool).</summary>
    public const string ClusterApiGroup = "cluster.x-k8s.io";

    /// <summary>True for the Cluster API control-plane kinds, in their own group or a provider's (managed Kubernetes).</summary>
    public static bool IsControlPlane(string group, string kind) =>
        (group == "controlplane.cluster.x-k8s.io" && kind.EndsWith("ControlPlane", StringComparison.Ordinal))
        || (group == "infrastructure.cluster.x-k8s.io" && kind.EndsWith("ManagedControlPlane", StringComparison.Ordinal));

    /// <summary>True for the Cluster API worker kinds whose machines follow a control plane (MachineDeployment, MachinePool).</summary>
    public static bool IsWorkerPool(string group, string kind) => group == ClusterApiGroup && kind is "MachineDeployment" or "MachinePool";

    private static (HealthStatus, string)? ClusterApi(ObjectRef obj, JsonObject live) => (obj.Group, obj.Kind) switch
    {
        (ClusterApiGroup, "Cluster") => CapiCluster(live),
        _ when IsWorkerPool(obj.Group, obj.Kind) => WorkerPool(live),
        _ when IsControlPlane(obj.Group, obj.Kind) => ControlPlane(live),
        _ => null,
    };

    private static (HealthStatus, string) CapiCluster(JsonObject live)
    {
        var status = ObjectJson.Path(live, "status");
        var phase = ObjectJson.Str(status, "phase");
        if (phase == "Failed" || FailureOf(status) is not null)
        {
            return (HealthStatus.Failed, $"phase {phase ?? "not set"}: {FailureOf(status) ?? FirstFalse(live) ?? "the Cluster failed"}");
        }
        var initialization = ObjectJson.Path(status, "initialization");
        var infrastructure = ObjectJson.Bool(initialization, "infrastructureProvisioned") ?? ObjectJson.Bool(status, "infrastructureReady") ?? false;
        var controlPlane = ObjectJson.Bool(initialization, "controlPlaneInitialized") ?? ObjectJson.Bool(status, "controlPlaneReady") ?? false;
        var progress = $"phase {phase ?? "not set"}, infrastructure {(infrastructure ? "provisioned" : "not provisioned")}, " +
            $"control plane {(controlPlane ? "initialized" : "not initialized")}";
        if (Condition(live, "Available") is { } available)
        {
            return IsTrue(available) ? (HealthStatus.Current, $"Available: {Describe(available)}") : (HealthStatus.InProgress, $"{progress}; not Available: {Describe(available)}");
        }
        return phase == "Provisioned" && infrastructure && controlPlane
            ? (HealthStatus.Current, progress)
            : (HealthStatus.InProgress, progress);
    }

    /// <summary>A control plane is done when it reports the version it asks for (status.version) and every replica is ready.</summary>
    private static (HealthStatus, string) ControlPlane(JsonObject live)
    {
        var status = ObjectJson.Path(live, "status");
        if (FailureOf(status) is { } failure)
        {
            return (HealthStatus.Failed, $"control plane failed: {failure}");
        }
        var wanted = ObjectJson.Str(ObjectJson.Path(live, "spec"), "version");
        var running = ObjectJson.Str(status, "version");
        if (wanted is not null && (running is null || !VersionReached(running, wanted)))
        {
            return (HealthStatus.InProgress, $"rolling out {wanted} (status.version {running ?? "not reported yet"})");
        }
        if (ObjectJson.Bool(status, "ready") == false || Condition(live, "Ready") is { } ready && !IsTrue(ready))
        {
            return (HealthStatus.InProgress, $"at {running ?? "an unversioned release"}, not ready yet");
        }
        if (Replicas(live) is { } replicas && ReplicasBehind(status, replicas) is { } behind)
        {
            return (HealthStatus.InProgress, $"at {running}, {behind}");
        }
        return (HealthStatus.Current, running is null ? "ready" : $"ready at {running}");
    }

    /// <summary>Every replica ready and up to date (its version included: status.version when the provider reports one).</summary>
    private static (HealthStatus, string) WorkerPool(JsonObject live)
    {
        var status = ObjectJson.Path(live, "status");
        if (ObjectJson.Str(status, "phase") == "Failed" || FailureOf(status) is not null)
        {
            return (HealthStatus.Failed, $"failed: {FailureOf(status) ?? FirstFalse(live) ?? "phase Failed"}");
        }
        var wanted = ObjectJson.Str(ObjectJson.Path(live, "spec", "template", "spec"), "version");
        var running = ObjectJson.Str(status, "version");
        if (wanted is not null && running is not null && !VersionReached(running, wanted))
        {
            return (HealthStatus.InProgress, $"rolling out {wanted} (status.version {running})");
        }
        var replicas = Replicas(live) ?? ObjectJson.Long(status, "replicas") ?? 0;
        if (ReplicasBehind(status, replicas) is { } behind)
        {
            return (HealthStatus.InProgress, behind);
        }
        return (HealthStatus.Current, $"{replicas} replica(s) ready{(wanted is null ? "" : $" at {wanted}")}");
    }

    /// <summary>What keeps the replicas from being done, or null: all ready, up to date, and no extra machine left.</summary>
    private static string? ReplicasBehind(JsonObject? status, long replicas)
    {
        var ready = ObjectJson.Long(status, "readyReplicas") ?? 0;
        var total = ObjectJson.Long(status, "replicas");
        var upToDate = ObjectJson.Long(status, "upToDateReplicas") ?? ObjectJson.Long(status, "updatedReplicas");
        if (upToDate is { } u && u < replicas)
        {
            return $"up to date {u}/{replicas} replicas";
        }
        if (ready < replicas)
        {
            return $"ready {ready}/{replicas} replicas";
        }
        return total is { } t && t > replicas ? $"{t - replicas} old replica(s) pending deletion" : null;
    }

    private static long? Replicas(JsonObject live) => ObjectJson.Long(ObjectJson.Path(live, "spec"), "replicas");

    /// <summary>A terminal failure as Cluster API v1beta1 reported it (status.failureReason, kept under status.deprecated.v1beta1 in v1beta2).</summary>
    private static string? FailureOf(JsonObject? status)
    {
        var old = ObjectJson.Path(status, "deprecated", "v1beta1") ?? status;
        var reason = ObjectJson.Str(old, "failureReason");
        var message = ObjectJson.Str(old, "failureMessage");
        return reason is null && message is null ? null : string.Join(": ", new[] { reason, message }.OfType<string>());
    }

    private static string? FirstFalse(JsonObject live) =>
        (ObjectJson.Path(live, "status")?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Where(IsFalse)
            .Select(c => $"{ObjectJson.Str(c, "type")}=False: {Describe(c)}").FirstOrDefault();

    /// <summary>
    /// True when <paramref name="running"/> is <paramref name="wanted"/> or within it: every component written counts, so a
    /// control plane asked for <c>v1.30</c> (EKS) has it at <c>v1.30.4-eks-1</c>, one asked for <c>v1.30.2+k3s2</c> only at exactly that.
    /// </summary>
    public static bool VersionReached(string running, string wanted)
    {
        var r = running.TrimStart('v');
        var w = wanted.TrimStart('v');
        return r == w || (r.StartsWith(w, StringComparison.Ordinal) && r[w.Length] is '.' or '-' or '+');
    }
}
