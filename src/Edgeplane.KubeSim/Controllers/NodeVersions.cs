using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// The Kubernetes version of a cluster's nodes as upgrades move it: each Node's kubeletVersion (written as the kubelet
/// would, Ready kept True), and the cluster's <c>/version</c>, which is the API server's and so follows the
/// control-plane nodes (labelled <c>node-role.kubernetes.io/control-plane</c> or <c>…/master</c>).
/// </summary>
internal static class NodeVersions
{
    public const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";

    private const string MasterLabel = "node-role.kubernetes.io/master";

    private static readonly ResourceType NodeType = ResourceCatalog.Builtin.FindKind("", "Node")!;

    /// <summary>A node as the upgrade controllers see it.</summary>
    public sealed record Node(string Name, IReadOnlyDictionary<string, string> Labels, string? KubeletVersion)
    {
        public bool ControlPlane => Labels.ContainsKey(ControlPlaneLabel) || Labels.ContainsKey(MasterLabel);
    }

    /// <summary>Every node of the cluster, by name.</summary>
    public static List<Node> List(VirtualCluster cluster) =>
        cluster.ListAll(NodeType.Key)
            .Select(stored => JsonUtil.ParseObject(stored.Json))
            .Select(n => new Node(n.Name()!, n.Labels(), n.At("status", "nodeInfo").Str("kubeletVersion")))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Reports <paramref name="version"/> as the node's kubelet and kube-proxy version.</summary>
    public static void Upgrade(VirtualCluster cluster, string node, string version) =>
        cluster.WriteStatus(NodeType, null, node, "kubelet", current =>
        {
            var status = current["status"]?.DeepClone() as JsonObject ?? ClusterSeed.NodeStatus(version);
            var info = status.Obj("nodeInfo");
            info["kubeletVersion"] = version;
            info["kubeProxyVersion"] = version;
            return status;
        });

    /// <summary>
    /// Moves <c>/version</c> to the version every control-plane node runs, once they all run the same one; while they
    /// differ (an upgrade half done) the API server keeps answering with the old one.
    /// </summary>
    public static void SyncServerVersion(VirtualCluster cluster)
    {
        var versions = List(cluster).Where(n => n.ControlPlane).Select(n => n.KubeletVersion).Distinct().ToList();
        if (versions is [{ } version] && version != cluster.Version.GitVersion)
        {
            cluster.SetVersion(KubeVersion.Parse(version));
        }
    }
}
