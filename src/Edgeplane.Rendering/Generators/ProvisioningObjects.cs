using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Generators;

/// <summary>What the renderer adds beside a provisioned cluster's template objects (see <see cref="ProvisioningContract"/>).</summary>
internal static class ProvisioningObjects
{
    /// <summary>Version of the ClusterResourceSet written: Cluster API 1.14 serves and stores v1beta2.</summary>
    public const string ResourceSetApiVersion = "addons.cluster.x-k8s.io/v1beta2";

    /// <summary>
    /// The ClusterResourceSet that joins <paramref name="cluster"/> to the hub: it selects the cluster's Cluster API
    /// <c>Cluster</c> by <see cref="ProvisioningContract.ClusterLabel"/> (in its own namespace, the only one Cluster API
    /// looks in) and re-applies the join Secret whenever the hub changes it (<c>Reconcile</c>).
    /// </summary>
    public static JsonObject ResourceSet(string cluster, string ns) => new()
    {
        ["apiVersion"] = ResourceSetApiVersion,
        ["kind"] = "ClusterResourceSet",
        ["metadata"] = new JsonObject { ["name"] = ProvisioningContract.ResourceSetName(cluster), ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["clusterSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [ProvisioningContract.ClusterLabel] = cluster } },
            ["strategy"] = "Reconcile",
            ["resources"] = new JsonArray(new JsonObject { ["kind"] = "Secret", ["name"] = ProvisioningContract.JoinSecretName(cluster) }),
        },
    };
}
