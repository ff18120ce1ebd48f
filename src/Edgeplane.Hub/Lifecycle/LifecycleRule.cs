using System.Globalization;
using System.Text.Json;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Lifecycle;

/// <summary>
/// Decides a cluster's lifecycle phase from what the hub knows of it (pure). In order:
/// <list type="number">
/// <item>its Cluster object is being deleted on its management cluster (deletion timestamp, or phase Deleting): Deleting;</item>
/// <item>it was removed from Git: Removed (its Cluster object gone after Deleting: Deleted);</item>
/// <item>its Cluster object's phase is Failed: Failed;</item>
/// <item>converged (<see cref="ConvergenceRule"/>): Ready; its agent enrolled: Joined;</item>
/// <item>provisioned through Cluster API: Provisioned once the control plane is initialized, Provisioning while the
/// management cluster reports its Cluster object, Declared until then; a cluster that exists already: Declared.</item>
/// </list>
/// Declared → Provisioning → Provisioned → Joined → Ready only go forward: a Ready cluster that receives a new bundle stays
/// Ready, a Joined one whose agent restarts stays Joined; a move past several of them at once records the ones it passed
/// over. From Failed, Deleting, Deleted and Removed it goes wherever the facts say next (a cluster added back to Git
/// starts again, with a fresh record of its transitions).
/// </summary>
internal static class LifecycleRule
{
    /// <summary>The write that brings <paramref name="facts"/>' stored phase and reason up to date at <paramref name="now"/>, or null when they are.</summary>
    public static LifecycleChange? Next(LifecycleFacts facts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (phase, reason) = Judge(facts);
        if (LifecyclePhases.Rank(facts.Phase) is { } stored && LifecyclePhases.Rank(phase) is { } judged && judged < stored)
        {
            return null; // forward only
        }
        if (phase == facts.Phase && reason == facts.Reason)
        {
            return null;
        }
        if (phase == facts.Phase)
        {
            return new LifecycleChange(facts.Name, facts.Phase, facts.Reason, phase, reason, facts.Since ?? now, facts.TransitionsJson ?? Transitions(new(), phase, now));
        }
        var restart = facts.Phase is LifecyclePhases.Removed or LifecyclePhases.Deleted && !facts.Removed;
        var transitions = restart || facts.TransitionsJson is null ? new SortedDictionary<string, DateTime>(StringComparer.Ordinal)
            : JsonSerializer.Deserialize<SortedDictionary<string, DateTime>>(facts.TransitionsJson) ?? new(StringComparer.Ordinal);
        foreach (var passed in PassedOver(facts, phase))
        {
            transitions.TryAdd(passed, DateTime.SpecifyKind(now, DateTimeKind.Utc));
        }
        return new LifecycleChange(facts.Name, facts.Phase, facts.Reason, phase, reason, now, Transitions(transitions, phase, now));
    }

    private static string Transitions(SortedDictionary<string, DateTime> transitions, string phase, DateTime now)
    {
        transitions.TryAdd(phase, DateTime.SpecifyKind(now, DateTimeKind.Utc));
        return JsonSerializer.Serialize(transitions);
    }

    /// <summary>
    /// The phases of the cluster's way that a forward move from its stored phase to <paramref name="phase"/> passes over.
    /// Each is implied by the later one (an agent that enrolled from inside a provisioned cluster means its control plane
    /// was initialized, whether or not its management cluster's report of that has arrived yet), so they count as reached
    /// now. Without this, which phases a cluster's record shows would depend on which of two agents reported first.
    /// </summary>
    private static IEnumerable<string> PassedOver(LifecycleFacts facts, string phase)
    {
        if (LifecyclePhases.Rank(facts.Phase) is not { } from || LifecyclePhases.Rank(phase) is not { } to)
        {
            return [];
        }
        string[] way = facts.ManagementCluster is null
            ? [LifecyclePhases.Declared, LifecyclePhases.Joined, LifecyclePhases.Ready]
            : [LifecyclePhases.Declared, LifecyclePhases.Provisioning, LifecyclePhases.Provisioned, LifecyclePhases.Joined, LifecyclePhases.Ready];
        return way.Where(p => LifecyclePhases.Rank(p) > from && LifecyclePhases.Rank(p) < to);
    }

    /// <summary>The phase and reason the facts call for (before the forward-only rule).</summary>
    public static (string Phase, string Reason) Judge(LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var management = facts.ManagementCluster;
        var obj = facts.Observation?.Object;
        if (obj is not null && (obj.DeletionTimestamp is not null || obj.Phase == LifecyclePhases.Deleting))
        {
            var since = obj.DeletionTimestamp is { } at ? $" since {at.ToString("u", CultureInfo.InvariantCulture)}" : "";
            return (LifecyclePhases.Deleting, $"its Cluster object {obj.Namespace}/{obj.Name} on {management} is being deleted{since}");
        }
        if (facts.Removed)
        {
            return Removed(facts);
        }
        if (obj?.Phase == LifecyclePhases.Failed)
        {
            return (LifecyclePhases.Failed, $"its Cluster object {obj.Namespace}/{obj.Name} on {management} is Failed{Why(obj)}");
        }
        if (facts.Converged)
        {
            return (LifecyclePhases.Ready, $"its agent runs the desired bundle {facts.AppliedDigest} and reports it healthy");
        }
        if (facts.Enrolled)
        {
            return (LifecyclePhases.Joined, "its agent enrolled with the hub; waiting for it to run the desired bundle healthy");
        }
        if (management is null)
        {
            return (LifecyclePhases.Declared, "declared in Git; waiting for its agent to enrol (edgeplane token create --cluster " + facts.Name + ")");
        }
        return Provisioning(facts, management, obj);
    }

    private static (string, string) Provisioning(LifecycleFacts facts, string management, ProvisionedClusterReport? obj)
    {
        if (facts.Observation is null)
        {
            return (LifecyclePhases.Declared, $"declared in Git; waiting for {management}, its management cluster, to report its Cluster object");
        }
        if (obj is null)
        {
            return (LifecyclePhases.Declared, $"{management} has no Cluster object for it (yet)");
        }
        if (obj.ControlPlaneInitialized || obj.Phase == LifecyclePhases.Provisioned)
        {
            return (LifecyclePhases.Provisioned, $"control plane initialized on {management} (phase {obj.Phase ?? "not reported"}); waiting for its agent to join");
        }
        return (LifecyclePhases.Provisioning, $"phase {obj.Phase ?? "Pending"} on {management}: infrastructure "
            + $"{(obj.InfrastructureProvisioned ? "provisioned" : "not provisioned yet")}, control plane not initialized yet{Why(obj)}");
    }

    private static (string, string) Removed(LifecycleFacts facts)
    {
        var by = facts.RemovedBy is { } revision ? $" by revision {revision}" : "";
        if (facts.Phase is LifecyclePhases.Deleting or LifecyclePhases.Deleted && facts.Observation is { Object: null })
        {
            return (LifecyclePhases.Deleted, $"removed from Git{by}; its Cluster object on {facts.ManagementCluster} is gone");
        }
        if (facts.Phase == LifecyclePhases.Deleted)
        {
            return (LifecyclePhases.Deleted, facts.Reason ?? $"removed from Git{by}");
        }
        var kept = facts.Observation is { Object: not null } ? $"; its Cluster API objects stay on {facts.ManagementCluster} (deletion policy Retain)" : "";
        return (LifecyclePhases.Removed, $"removed from Git{by}; its agent's identity is revoked{kept}");
    }

    /// <summary>": InfrastructureReady=False: reason: message" for the first lifecycle condition that is False, or "".</summary>
    private static string Why(ProvisionedClusterReport obj) =>
        obj.Conditions.FirstOrDefault(c => c.Status == "False") is { } c
            ? $"; {c.Type}=False{(c.Reason is null ? "" : $": {c.Reason}")}{(c.Message is null ? "" : $": {c.Message}")}"
            : "";
}
