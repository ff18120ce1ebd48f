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
}
