using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>What a new virtual cluster starts with: the four system namespaces and its nodes.</summary>
internal static class ClusterSeed
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static void Populate(VirtualCluster cluster, int nodeCount)
    {
        var nsType = ResourceCatalog.Builtin.FindKind("", "Namespace")!;
        foreach (var name in SystemNamespaces)
        {
            cluster.Create(new ObjectTarget(nsType, null, null),
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Controller("kube-apiserver"));
        }
        var nodeType = ResourceCatalog.Builtin.FindKind("", "Node")!;
        for (var i = 1; i <= nodeCount; i++)
        {
            var name = $"{cluster.Name}-node-{i}";
            var labels = new JsonObject
            {
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
            };
            if (i == 1)
            {
                labels["node-role.kubernetes.io/control-plane"] = string.Empty;
            }
            cluster.Create(new ObjectTarget(nodeType, null, null),
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels } }, WriteOptions.Controller("kubelet"));
            cluster.WriteStatus(nodeType, null, name, "kubelet", _ => NodeStatus(cluster.Version.GitVersion));
        }
    }

    public static JsonObject NodeStatus(string kubeletVersion) => new()
    {
        ["capacity"] = new JsonObject { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
        ["allocatable"] = new JsonObject { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = "KubeletReady",
            ["message"] = "kubelet is posting ready status (simulated by KubeSim)",
        }),
        ["nodeInfo"] = new JsonObject
        {
            ["kubeletVersion"] = kubeletVersion,
            ["kubeProxyVersion"] = kubeletVersion,
            ["containerRuntimeVersion"] = "containerd://1.7.0",
            ["osImage"] = "KubeSim",
            ["operatingSystem"] = "linux",
            ["architecture"] = "amd64",
        },
    };
}
