using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Cluster API MachineDeployments and MachinePools (their Machines are not simulated): waiting (phase ScalingUp or
/// Provisioning, nothing ready) until the Cluster named by <c>spec.clusterName</c> has its control plane initialized,
/// then phase Running with every replica ready at <c>spec.template.spec.version</c> (<c>status.versions</c>). A later
/// template version rolls out over <see cref="ClusterApiDelays.Upgrade"/>, counted from the later of the change and
/// the end of the control plane's last rollout; as Cluster API's MachineSet preflight checks do, it is held while the
/// control plane is rolling out (ControlPlaneIsStable) or runs an older minor than the workers' target (KubernetesVersionSkew).
/// </summary>
internal sealed class ClusterApiMachinesController : IKindController, IRelatedObjects
{
    public bool Handles(ResourceType type) => IsMachines(type);

    /// <summary>Each step keeps its own time (<see cref="KubeSimOptions.ClusterApiDelays"/>).</summary>
    public TimeSpan Delay(KubeSimDelays delays) => TimeSpan.Zero;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var machines = context.Object;
        if (machines.IsDeleting())
        {
            return null;
        }
        var clusterName = machines.At("spec").Str("clusterName") ?? string.Empty;
        var owner = Cluster(context.Cluster, machines.Namespace(), clusterName);
        var target = machines.At("spec", "template", "spec").Str("version");
        var reported = (machines.At("status", "versions") as JsonArray)?.FirstOrDefault().Str("version");
        if (!ControlPlaneInitialized(owner))
        {
            Write(context, new Rollout(Running: false, null, false, $"waiting for the control plane of Cluster \"{clusterName}\" to be initialized", null));
            return null;
        }
        if (reported is null || target is null || target == reported)
        {
            Write(context, new Rollout(true, target ?? reported, false, string.Empty, null));
            return null;
        }
        var controlPlane = ControlPlaneRef(owner!) is { } reference ? Resolve(context.Cluster, owner!.Namespace(), reference).Object : null;
        if (Held(controlPlane, target) is { } why)
        {
            Write(context, new Rollout(true, reported, true, $"rolling out {target}: {why}", null));
            return null;
        }
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        var changed = now - context.SinceObserved;
        var start = TrueSince(controlPlane, "Ready") is { } stable && stable > changed ? stable : changed;
        var due = start + context.Cluster.Runtime.Options.ClusterApiDelays.Upgrade;
        if (context.NeverReady || now < due)
        {
            Write(context, new Rollout(true, reported, true, $"rolling out {target}", null));
            return context.NeverReady ? null : due - now;
        }
        Write(context, new Rollout(true, target, false, string.Empty, Format(due)));
        return null;
    }

    /// <summary>A Cluster's or a control plane's change concerns the machines of that Cluster.</summary>
    public bool Watches(VirtualCluster cluster, ResourceType type) => IsCluster(type) || IsControlPlane(type);

    public IEnumerable<ObjectTarget> Related(VirtualCluster cluster, ResourceType type, string? ns, string name)
    {
        var clusterNames = IsCluster(type) ? [name]
            : ClustersIn(cluster, ns).Where(c => ControlPlaneRef(c)?.Names(type, name) == true).Select(c => c.Name()!).ToList();
        return clusterNames.SelectMany(c => Machines(cluster, ns, c)).Select(m => new ObjectTarget(m.Type, ns, m.Object.Name()));
    }

    /// <summary>Why Cluster API's MachineSet preflight checks would hold a rollout to <paramref name="target"/>, or null.</summary>
    private static string? Held(JsonObject? controlPlane, string target)
    {
        if (controlPlane is null)
        {
            return null;
        }
        var version = controlPlane.At("status").Str("version");
        if (controlPlane.At("spec").Str("version") is { } desired && desired != version)
        {
            return $"the control plane is rolling out {desired} (ControlPlaneIsStable)";
        }
        return ClusterApiVersions.NewerMinor(target, version)
            ? $"the control plane runs {version}, an older minor (KubernetesVersionSkew)"
            : null;
    }

    /// <summary>Where the machines stand: running (Cluster's control plane initialized), their version, a rollout in progress.</summary>
    private sealed record Rollout(bool Running, string? Version, bool Rolling, string Message, string? At);

    private static void Write(ControllerContext context, Rollout rollout) =>
        context.WriteStatus(Manager, current => Status(current, context.Type.Kind, rollout, context.Now));

    private static JsonObject Status(JsonObject current, string kind, Rollout rollout, string now)
    {
        var replicas = current.At("spec").Long("replicas") ?? 1;
        var ready = rollout.Running ? replicas : 0;
        var upToDate = rollout.Running && !rollout.Rolling ? replicas : 0;
        var status = new JsonObject
        {
            ["observedGeneration"] = current.Generation(),
            ["phase"] = rollout.Running ? "Running" : kind == "MachinePool" ? "Provisioning" : "ScalingUp",
            ["replicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["unavailableReplicas"] = replicas - ready,
            ["updatedReplicas"] = upToDate,
            ["upToDateReplicas"] = upToDate,
        };
        if (rollout.Running && rollout.Version is { } version)
        {
            status["versions"] = new JsonArray(new JsonObject { ["version"] = version, ["replicas"] = replicas });
        }
        var conditions = new Conditions(current.At("status", "conditions"), now)
            .Set("Available", rollout.Running ? "True" : "False", rollout.Running ? "Available" : "NotAvailable", rollout.Running ? string.Empty : rollout.Message)
            .Set("RollingOut", rollout.Rolling ? "True" : "False", rollout.Rolling ? "RollingOut" : "NotRollingOut", rollout.Rolling ? rollout.Message : string.Empty, rollout.At);
        status["conditions"] = conditions.Result;
        return status;
    }
}
