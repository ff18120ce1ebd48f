using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// A Cluster API control plane (controlplane.cluster.x-k8s.io, e.g. KubeadmControlPlane) with spec.version: at once
/// a rolling update in progress (Ready=False, MachinesSpecUpToDate=False, status.version still the old one); after the
/// control-plane delay status.version is spec.version with every replica updated and ready (Ready=True), and the
/// workload cluster it manages, if this server hosts it, upgrades: its control-plane nodes' kubeletVersion and its
/// <c>/version</c> become the version. The workload cluster is the one named by the object's
/// <c>cluster.x-k8s.io/cluster-name</c> label, else by the CAPI Cluster of its namespace whose
/// spec.controlPlaneRef names it; it may be the very cluster the object lives in (a self-managed cluster).
/// No Machines are created and MachineDeployments are not simulated.
/// </summary>
internal sealed class ControlPlaneController : IKindController
{
    private const string Manager = "manager";
    private const string ClusterNameLabel = "cluster.x-k8s.io/cluster-name";

    public bool Handles(ResourceType type) =>
        type is { Group: "controlplane.cluster.x-k8s.io", IsCustom: true } && type.Kind.EndsWith("ControlPlane", StringComparison.Ordinal);

    public TimeSpan Delay(KubeSimDelays delays) => delays.ControlPlane;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var obj = context.Object;
        if (obj.IsDeleting() || obj.At("spec").Str("version") is not { } written)
        {
            return null;
        }
        KubeVersion version;
        try
        {
            version = KubeVersion.Parse(written);
        }
        catch (FormatException ex)
        {
            context.WriteStatus(Manager, current => Status(current, false, null, "InvalidVersion", ex.Message, context.Now));
            return null;
        }
        if (context.Ready && WorkloadCluster(context) is { } workload)
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
        var message = context.Ready ? string.Empty : $"rolling out {version.GitVersion}";
        context.WriteStatus(Manager, current => Status(current, context.Ready, version.GitVersion, "RollingUpdateInProgress", message, context.Now));
        return null;
    }

    /// <summary>The cluster of this server that the control plane runs, or null when the server does not host it.</summary>
    private static VirtualCluster? WorkloadCluster(ControllerContext context)
    {
        var obj = context.Object;
        var name = obj.Labels().GetValueOrDefault(ClusterNameLabel);
        if (name is null && context.Cluster.Catalog.FindKind("cluster.x-k8s.io", "Cluster") is { } clusterType)
        {
            name = context.Cluster.ListAll(clusterType.Key, obj.Namespace())
                .Select(stored => JsonUtil.ParseObject(stored.Json))
                .FirstOrDefault(c => c.At("spec", "controlPlaneRef").Str("name") == obj.Name()
                    && (c.At("spec", "controlPlaneRef").Str("kind") ?? context.Type.Kind) == context.Type.Kind)?.Name();
        }
        return name is null ? null : name == context.Cluster.Name ? context.Cluster : context.Cluster.Runtime.FindCluster(name);
    }

    private static JsonObject Status(JsonObject current, bool ready, string? version, string reason, string message, string now)
    {
        var replicas = current.At("spec").Long("replicas") ?? 1;
        var status = new JsonObject
        {
            ["observedGeneration"] = current.Generation(),
            ["initialized"] = true,
            ["ready"] = true,
            ["replicas"] = replicas,
            ["updatedReplicas"] = ready ? replicas : 0,
            ["readyReplicas"] = replicas,
            ["unavailableReplicas"] = 0,
        };
        if ((ready ? version : current.At("status").Str("version")) is { } reported)
        {
            status["version"] = reported;
        }
        var conditions = new Conditions(current.At("status", "conditions"), now).Set("Available", "True", "Available", string.Empty);
        conditions.Set("MachinesSpecUpToDate", ready ? "True" : "False", ready ? "UpToDate" : reason, message);
        conditions.Set("Ready", ready ? "True" : "False", ready ? "Ready" : reason, message);
        status["conditions"] = conditions.Result;
        return status;
    }
}
