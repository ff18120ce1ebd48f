using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Tests.Support;

/// <summary>
/// Cluster API objects of one provisioned cluster as a management cluster's bundle carries them (v1beta2 shape), and
/// their CRDs (testdata/capi-crds.json).
/// </summary>
public static class CapiObjects
{
    public static JsonObject[] Crds() => Fixtures.Load("capi-crds.json");

    /// <summary>
    /// The Cluster object of <paramref name="cluster"/>, labelled <c>edgeplane.dev/provisioned-cluster</c> with the fleet
    /// cluster it provisions and annotated with its deletion policy when given.
    /// </summary>
    public static JsonObject Cluster(string ns, string cluster, string? fleetCluster = null, string? deletionPolicy = null) =>
        Annotate(Fixtures.Parse($$$"""
            {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster","metadata":{"name":"{{{cluster}}}","namespace":"{{{ns}}}",
             "labels":{{{(fleetCluster is null ? "{}" : $$"""{"edgeplane.dev/provisioned-cluster":"{{fleetCluster}}"}""")}}}},
             "spec":{"controlPlaneRef":{"apiGroup":"controlplane.cluster.x-k8s.io","kind":"KubeadmControlPlane","name":"{{{cluster}}}-cp"} } }
            """), deletionPolicy);

    public static JsonObject ControlPlane(string ns, string cluster, string version, string? deletionPolicy = null) =>
        Annotate(Fixtures.Parse($$$"""
            {"apiVersion":"controlplane.cluster.x-k8s.io/v1beta2","kind":"KubeadmControlPlane","metadata":{"name":"{{{cluster}}}-cp","namespace":"{{{ns}}}"},
             "spec":{"replicas":1,"version":"{{{version}}}"}}
            """), deletionPolicy);

    public static JsonObject Workers(string ns, string cluster, string version, string? deletionPolicy = null) =>
        Annotate(Fixtures.Parse($$$"""
            {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"MachineDeployment","metadata":{"name":"{{{cluster}}}-workers","namespace":"{{{ns}}}"},
             "spec":{"clusterName":"{{{cluster}}}","replicas":2,"selector":{"matchLabels":{}},
              "template":{"spec":{"clusterName":"{{{cluster}}}","version":"{{{version}}}"} } } }
            """), deletionPolicy);

    /// <summary>The live object, or null when there is none (404).</summary>
    public static async Task<JsonObject?> TryReadAsync(k8s.Kubernetes client, string group, string plural, string ns, string name)
    {
        try
        {
            return await k8s.CustomObjectsOperationsExtensions.GetNamespacedCustomObjectAsync<JsonObject>(client.CustomObjects, group, "v1beta2", ns, plural, name);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static JsonObject Annotate(JsonObject obj, string? deletionPolicy)
    {
        if (deletionPolicy is not null)
        {
            obj["metadata"]!["annotations"] = new JsonObject { ["edgeplane.dev/deletion-policy"] = deletionPolicy };
        }
        return obj;
    }
}
