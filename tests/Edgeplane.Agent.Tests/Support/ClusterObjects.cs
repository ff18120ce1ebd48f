using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>Reads of a KubeSim cluster through the real client.</summary>
public static class ClusterObjects
{
    public static async Task<V1ConfigMap?> ConfigMapAsync(this IKubernetes client, string ns, string name)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
