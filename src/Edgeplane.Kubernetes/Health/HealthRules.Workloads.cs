using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

public static partial class HealthRules
{
    private static (HealthStatus, string) Deployment(JsonObject live)
    {
        if (ObjectJson.Long(ObjectJson.Path(live, "status"), "observedGeneration") is null)
        {
            return (HealthStatus.InProgress, "the controller has not observed the Deployment yet");
        }
        if (Condition(live, "Progressing") is { } progressing && IsFalse(progressing)
            && ObjectJson.Str(progressing, "reason") == "ProgressDeadlineExceeded")
        {
            return (HealthStatus.Failed, $"rollout failed: {Describe(progressing)}");
        }
        var want = ObjectJson.Long(ObjectJson.Path(live, "spec"), "replicas") ?? 1;
        var status = ObjectJson.Path(live, "status");
        var total = Count(status, "replicas");
        var updated = Count(status, "updatedReplicas");
        var available = Count(status, "availableReplicas");
        var ready = Count(status, "readyReplicas");
        if (updated < want)
        {
            return (HealthStatus.InProgress, $"updated {updated}/{want} replicas");
        }
        if (total > updated)
        {
            return (HealthStatus.InProgress, $"{total - updated} old replicas pending termination");
        }
        if (available < want || ready < want)
        {
            return (HealthStatus.InProgress, $"available {available}/{want}, ready {ready}/{want} replicas");
        }
        return (HealthStatus.Current, $"rollout complete: {want} replicas available");
    }

    private static (HealthStatus, string) StatefulSet(JsonObject live)
    {
        var spec = ObjectJson.Path(live, "spec");
        var status = ObjectJson.Path(live, "status");
        if (ObjectJson.Long(status, "observedGeneration") is null)
        {
            return (HealthStatus.InProgress, "the controller has not observed the StatefulSet yet");
        }
        if (ObjectJson.Str(ObjectJson.Path(spec, "updateStrategy"), "type") == "OnDelete")
        {
            return (HealthStatus.Current, "updateStrategy OnDelete: pods are replaced by hand");
        }
        var want = ObjectJson.Long(spec, "replicas") ?? 1;
        var ready = Count(status, "readyReplicas");
        var partition = ObjectJson.Long(ObjectJson.Path(spec, "updateStrategy", "rollingUpdate"), "partition") ?? 0;
        if (ready < want)
        {
            return (HealthStatus.InProgress, $"ready {ready}/{want} replicas");
        }
        if (partition > 0)
        {
            var updated = Count(status, "updatedReplicas");
            return updated < want - partition
                ? (HealthStatus.InProgress, $"partitioned rollout: updated {updated}/{want - partition} replicas")
                : (HealthStatus.Current, $"partitioned rollout complete: {updated} replicas updated");
        }
        var current = ObjectJson.Str(status, "currentRevision");
        var update = ObjectJson.Str(status, "updateRevision");
        if (update is not null && current != update)
        {
            return (HealthStatus.InProgress, $"rolling out revision {update} (current {current})");
        }
        return (HealthStatus.Current, $"rollout complete: {want} replicas ready");
    }

    private static (HealthStatus, string) DaemonSet(JsonObject live)
    {
        var status = ObjectJson.Path(live, "status");
        if (ObjectJson.Long(status, "observedGeneration") is null || ObjectJson.Long(status, "desiredNumberScheduled") is null)
        {
            return (HealthStatus.InProgress, "the controller has not observed the DaemonSet yet");
        }
        var desired = Count(status, "desiredNumberScheduled");
        var updated = Count(status, "updatedNumberScheduled");
        var available = Count(status, "numberAvailable");
        var ready = Count(status, "numberReady");
        if (updated < desired)
        {
            return (HealthStatus.InProgress, $"updated {updated}/{desired} pods");
        }
        if (available < desired || ready < desired)
        {
            return (HealthStatus.InProgress, $"available {available}/{desired}, ready {ready}/{desired} pods");
        }
        return (HealthStatus.Current, $"rollout complete: {desired} pods available");
    }

    private static long Count(JsonObject? status, string field) => ObjectJson.Long(status, field) ?? 0;
}
