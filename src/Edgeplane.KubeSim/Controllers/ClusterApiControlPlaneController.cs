using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Microsoft.Extensions.Logging;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// A Cluster API control plane of any provider, found through its Cluster's <c>controlPlaneRef</c> (or the
/// <c>cluster.x-k8s.io/cluster-name</c> label): <c>*ControlPlane</c> kinds of controlplane.cluster.x-k8s.io
/// (KubeadmControlPlane, KThreesControlPlane, AWSManagedControlPlane) and infrastructure.cluster.x-k8s.io
/// (AzureASOManagedControlPlane, AzureManagedControlPlane, GCPManagedControlPlane).
/// <see cref="ClusterApiDelays.ControlPlane"/> after its Cluster's infrastructure is provisioned it initializes: the
/// workload cluster named like the Cluster is created on this server (or adopted when it exists) serving
/// <c>spec.version</c>, its kubeconfig Secret is published, and <c>status.version</c> is <c>spec.version</c>.
/// A later <c>spec.version</c> change rolls out over <see cref="ClusterApiDelays.Upgrade"/>: <c>status.version</c>
/// keeps the old version until then, when the workload cluster's <c>/version</c> and control-plane nodes move.
/// A control plane no Cluster references waits, as Cluster API's providers do.
/// </summary>
internal sealed partial class ClusterApiControlPlaneController(ILogger logger) : IKindController, IRelatedObjects
{
    public bool Handles(ResourceType type) => IsControlPlane(type);

    /// <summary>Each step keeps its own time (<see cref="KubeSimOptions.ClusterApiDelays"/>).</summary>
    public TimeSpan Delay(KubeSimDelays delays) => TimeSpan.Zero;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var controlPlane = context.Object;
        if (controlPlane.IsDeleting())
        {
            return null;
        }
        if (Owner(context) is not { } owner)
        {
            Write(context, Report.Waiting("WaitingForCluster", $"no Cluster of namespace \"{controlPlane.Namespace()}\" references {context.Type.Kind} \"{controlPlane.Name()}\""));
            return null;
        }
        if (owner.IsDeleting())
        {
            return null;
        }
        return IsInitialized(controlPlane) ? Roll(context, owner) : Initialize(context, owner);
    }

    /// <summary>A Cluster's change (its infrastructure provisioned) concerns the control plane it references.</summary>
    public bool Watches(VirtualCluster cluster, ResourceType type) => IsCluster(type);

    public IEnumerable<ObjectTarget> Related(VirtualCluster cluster, ResourceType type, string? ns, string name)
    {
        if (Cluster(cluster, ns, name) is not { } owner || ControlPlaneRef(owner) is not { } reference
            || cluster.Catalog.FindKind(reference.Group, reference.Kind) is not { } controlPlaneType || !Handles(controlPlaneType))
        {
            return [];
        }
        return [new ObjectTarget(controlPlaneType, controlPlaneType.Namespaced ? ns : null, reference.Name)];
    }

    /// <summary>The Cluster whose controlPlaneRef names this control plane, else the one its cluster-name label names.</summary>
    private static JsonObject? Owner(ControllerContext context)
    {
        var controlPlane = context.Object;
        var ns = controlPlane.Namespace();
        var clusters = ClustersIn(context.Cluster, ns);
        return clusters.FirstOrDefault(c => ControlPlaneRef(c)?.Names(context.Type, controlPlane.Name()!) == true)
            ?? (controlPlane.Labels().GetValueOrDefault(ClusterNameLabel) is { } label ? clusters.FirstOrDefault(c => c.Name() == label) : null);
    }

    private static bool IsInitialized(JsonObject controlPlane) =>
        controlPlane.At("status", "initialization").Bool("controlPlaneInitialized") == true || controlPlane.At("status").Bool("initialized") == true;

    /// <summary>
    /// An initialized control plane: at its version, or rolling out a new <c>spec.version</c> for the upgrade delay
    /// (counted from the write that made the current generation). A never-ready fault holds the rollout.
    /// </summary>
    private TimeSpan? Roll(ControllerContext context, JsonObject owner)
    {
        var controlPlane = context.Object;
        var target = controlPlane.At("spec").Str("version");
        var reported = controlPlane.At("status").Str("version");
        PublishKubeconfig(context, owner); // the server's URL may have changed since (a restart on another port)
        if (target is null || target == reported)
        {
            Write(context, Report.Steady(reported ?? target, null));
            return null;
        }
        try
        {
            KubeVersion.Parse(target);
        }
        catch (FormatException ex)
        {
            Write(context, Report.Invalid(reported, ex.Message));
            return null;
        }
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        var due = now - context.SinceObserved + context.Cluster.Runtime.Options.ClusterApiDelays.Upgrade;
        var neverReady = NeverReady(context, owner);
        if (neverReady || now < due)
        {
            Write(context, Report.RollingOut(reported, target, neverReady));
            return neverReady ? null : due - now;
        }
        if (Workload(context, owner) is { } workload)
        {
            Align(workload, ClusterApiVersions.Served(target, context.Cluster.Runtime.Options.DefaultVersion));
        }
        Write(context, Report.Steady(target, Format(due)));
        return null;
    }

    private static bool NeverReady(ControllerContext context, JsonObject owner) =>
        context.NeverReady || context.Cluster.Faults.IsControlPlaneNeverReady(owner.Namespace(), owner.Name()!);

    /// <summary>The workload cluster of <paramref name="owner"/> when this server hosts it.</summary>
    private static VirtualCluster? Workload(ControllerContext context, JsonObject owner) =>
        owner.Name() == context.Cluster.Name ? context.Cluster : context.Cluster.Runtime.FindCluster(owner.Name()!);

    /// <summary>Moves the workload cluster's control-plane nodes and <c>/version</c> to <paramref name="version"/>.</summary>
    private static void Align(VirtualCluster workload, KubeVersion version)
    {
        foreach (var node in NodeVersions.List(workload).Where(n => n.ControlPlane))
        {
            NodeVersions.Upgrade(workload, node.Name, version.GitVersion);
        }
        if (workload.Version.GitVersion != version.GitVersion)
        {
            workload.SetVersion(version);
        }
    }

    private static void Write(ControllerContext context, Report report) =>
        context.WriteStatus(Manager, current => Status(current, report, context.Now));
}
