using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

/// <summary>
/// Judges one live object, kstatus-style: first the generation rule (status written for an older generation is
/// InProgress), then the kind's own rule, then generic conditions (Stalled → Failed, Reconciling → InProgress, Ready),
/// and an object without status semantics is Current once it exists.
/// </summary>
public static partial class HealthRules
{
    /// <param name="obj">The object the verdict is about.</param>
    /// <param name="live">The live object, or null when it does not exist.</param>
    /// <param name="related">For a KubeVirt VirtualMachine, its VirtualMachineInstance (null when there is none).</param>
    public static ObjectHealth Evaluate(ObjectRef obj, JsonObject? live, JsonObject? related = null)
    {
        if (live is null)
        {
            return new ObjectHealth(obj, HealthStatus.NotFound, "not found");
        }
        var (status, message) = Judge(obj, live, related);
        return new ObjectHealth(obj, status, message);
    }

    private static (HealthStatus, string) Judge(ObjectRef obj, JsonObject live, JsonObject? related)
    {
        if (ObjectJson.IsDeleting(live))
        {
            return (HealthStatus.InProgress, "being deleted");
        }
        if (StaleGeneration(live) is { } stale)
        {
            return (HealthStatus.InProgress, stale);
        }
        if (ClusterApi(obj, live) is { } clusterApi)
        {
            return clusterApi;
        }
        return (obj.Group, obj.Kind) switch
        {
            ("apps", "Deployment") => Deployment(live),
            ("apps", "StatefulSet") => StatefulSet(live),
            ("apps", "DaemonSet") => DaemonSet(live),
            ("batch", "Job") => Job(live),
            ("", "PersistentVolumeClaim") => VolumeClaim(live),
            ("kubevirt.io", "VirtualMachine") => VirtualMachine(live, related),
            ("helm.toolkit.fluxcd.io", "HelmRelease") or ("kustomize.toolkit.fluxcd.io", "Kustomization") => Flux(live),
            ("upgrade.cattle.io", "Plan") => UpgradePlan(live),
            _ => Generic(live),
        };
    }

    /// <summary>status.observedGeneration (or a Ready condition's) behind metadata.generation means the status is old news.</summary>
    private static string? StaleGeneration(JsonObject live)
    {
        var generation = ObjectJson.Generation(live);
        var observed = ObjectJson.Long(ObjectJson.Path(live, "status"), "observedGeneration");
        if (generation > 0 && observed is { } o && o < generation)
        {
            return $"status is for generation {o}, the object is at generation {generation}";
        }
        var ready = Condition(live, "Ready");
        if (generation > 0 && ObjectJson.Long(ready, "observedGeneration") is { } c && c < generation)
        {
            return $"the Ready condition is for generation {c}, the object is at generation {generation}";
        }
        return null;
    }

    private static (HealthStatus, string) Generic(JsonObject live)
    {
        if (Condition(live, "Stalled") is { } stalled && IsTrue(stalled))
        {
            return (HealthStatus.Failed, $"Stalled: {Describe(stalled)}");
        }
        if (Condition(live, "Reconciling") is { } reconciling && IsTrue(reconciling))
        {
            return (HealthStatus.InProgress, $"Reconciling: {Describe(reconciling)}");
        }
        return Condition(live, "Ready") switch
        {
            null => (HealthStatus.Current, "exists"),
            var ready when IsTrue(ready) => (HealthStatus.Current, $"Ready: {Describe(ready)}"),
            var ready => (HealthStatus.InProgress, $"not Ready: {Describe(ready)}"),
        };
    }

    internal static JsonObject? Condition(JsonObject live, string type) =>
        (ObjectJson.Path(live, "status")?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(c => ObjectJson.Str(c, "type") == type);

    private static bool IsTrue(JsonObject condition) => ObjectJson.Str(condition, "status") == "True";

    private static bool IsFalse(JsonObject condition) => ObjectJson.Str(condition, "status") == "False";

    private static string Describe(JsonObject condition)
    {
        var reason = ObjectJson.Str(condition, "reason");
        var message = ObjectJson.Str(condition, "message");
        return (reason, message) switch
        {
            (null, null) => $"status {ObjectJson.Str(condition, "status")}",
            (_, null) => reason!,
            (null, _) => message!,
            _ => $"{reason}: {message}",
        };
    }
}
