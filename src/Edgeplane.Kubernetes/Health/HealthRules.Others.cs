using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

public static partial class HealthRules
{
    private static (HealthStatus, string) Job(JsonObject live)
    {
        if (Condition(live, "Failed") is { } failed && IsTrue(failed))
        {
            return (HealthStatus.Failed, $"Job failed: {Describe(failed)}");
        }
        if (Condition(live, "Complete") is { } complete && IsTrue(complete))
        {
            return (HealthStatus.Current, "Job complete");
        }
        var status = ObjectJson.Path(live, "status");
        return (HealthStatus.InProgress, $"Job running: {Count(status, "active")} active, {Count(status, "succeeded")} succeeded, {Count(status, "failed")} failed");
    }

    private static (HealthStatus, string) VolumeClaim(JsonObject live) =>
        ObjectJson.Str(ObjectJson.Path(live, "status"), "phase") switch
        {
            "Bound" => (HealthStatus.Current, "Bound"),
            "Lost" => (HealthStatus.Failed, "Lost: the bound volume is gone"),
            var phase => (HealthStatus.InProgress, $"phase {phase ?? "not set"}, waiting for Bound"),
        };

    /// <summary>A VM that should run is healthy when Ready with its instance Running; one that should not, when stopped.</summary>
    private static (HealthStatus, string) VirtualMachine(JsonObject live, JsonObject? instance)
    {
        var spec = ObjectJson.Path(live, "spec");
        var status = ObjectJson.Path(live, "status");
        if (Condition(live, "Failure") is { } failure && IsTrue(failure))
        {
            return (HealthStatus.Failed, $"VirtualMachine failure: {Describe(failure)}");
        }
        var strategy = ObjectJson.Str(spec, "runStrategy");
        if (strategy is "Halted" || strategy is null && ObjectJson.Bool(spec, "running") == false)
        {
            return instance is null
                ? (HealthStatus.Current, "stopped, as desired")
                : (HealthStatus.InProgress, "stopping");
        }
        if (strategy is "Manual")
        {
            return (HealthStatus.Current, "runStrategy Manual: started and stopped by hand");
        }
        var phase = ObjectJson.Str(ObjectJson.Path(instance, "status"), "phase");
        if (phase is "Failed")
        {
            return (HealthStatus.Failed, "the VirtualMachineInstance failed");
        }
        var ready = Condition(live, "Ready") is { } r && IsTrue(r) || ObjectJson.Bool(status, "ready") == true;
        return ready && phase == "Running"
            ? (HealthStatus.Current, "Ready, instance Running")
            : (HealthStatus.InProgress, $"waiting: Ready={ready}, instance {phase ?? "not created"}");
    }

    // Ready=False reasons Flux uses while it waits or retries, not for a failure.
    private static readonly HashSet<string> TransientFluxReasons = ["DependencyNotReady", "Progressing", "ProgressingWithRetry"];

    /// <summary>Flux objects: Ready=False after the controller has looked at this generation is a failed reconcile.</summary>
    private static (HealthStatus, string) Flux(JsonObject live)
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
            null => (HealthStatus.InProgress, "no Ready condition yet"),
            var ready when IsTrue(ready) => (HealthStatus.Current, $"Ready: {Describe(ready)}"),
            var ready when IsFalse(ready) && !TransientFluxReasons.Contains(ObjectJson.Str(ready, "reason") ?? "")
                => (HealthStatus.Failed, $"not Ready: {Describe(ready)}"),
            var ready when IsFalse(ready) => (HealthStatus.InProgress, $"not Ready yet: {Describe(ready)}"),
            var ready => (HealthStatus.InProgress, $"Ready unknown: {Describe(ready)}"),
        };
    }

    /// <summary>
    /// A system-upgrade-controller Plan is done when the controller resolved the version the Plan asks for and no node is
    /// left to upgrade: until then the bundle that carries it is still progressing, so the agent keeps looking (and reads
    /// <c>/version</c> again) while the nodes upgrade. An invalid Plan (Validated=False) has failed; a version the
    /// controller cannot resolve yet (LatestResolved=False, e.g. a channel it cannot reach) is retried by it, so waited on.
    /// </summary>
    private static (HealthStatus, string) UpgradePlan(JsonObject live)
    {
        if (Condition(live, "Validated") is { } validated && IsFalse(validated))
        {
            return (HealthStatus.Failed, $"Plan not valid: {Describe(validated)}");
        }
        if (Condition(live, "LatestResolved") is { } resolved && !IsTrue(resolved))
        {
            return (HealthStatus.InProgress, $"version not resolved yet: {Describe(resolved)}");
        }
        var status = ObjectJson.Path(live, "status");
        var latest = ObjectJson.Str(status, "latestVersion");
        var wanted = ObjectJson.Str(ObjectJson.Path(live, "spec"), "version");
        if (latest is null)
        {
            return (HealthStatus.InProgress, "waiting for system-upgrade-controller to resolve the version");
        }
        if (wanted is not null && WithV(latest) != WithV(wanted))
        {
            return (HealthStatus.InProgress, $"resolved {latest}, the Plan asks for {wanted}");
        }
        if (status?["applying"] is JsonArray { Count: > 0 } applying)
        {
            return (HealthStatus.InProgress, $"upgrading {string.Join(", ", applying.Select(n => n?.ToString()))} to {latest}");
        }
        if (Condition(live, "Complete") is { } complete && !IsTrue(complete))
        {
            return (HealthStatus.InProgress, $"not complete: {Describe(complete)}");
        }
        return (HealthStatus.Current, $"complete at {latest}");
    }

    private static string WithV(string version) => version.StartsWith('v') ? version : "v" + version;
}
