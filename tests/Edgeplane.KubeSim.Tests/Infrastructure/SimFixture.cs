using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>One real-time KubeSim server shared by a test collection; every test takes its own virtual cluster.</summary>
public sealed class SimFixture : IAsyncLifetime
{
    private int _next;

    public KubeSimServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await KubeSimServer.StartAsync(new KubeSimOptions { Port = 0 });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh cluster (own store, RV counter, CRDs) and a client for it.</summary>
    public (KubeSimCluster Cluster, Kubernetes Client) NewCluster(string prefix = "t")
    {
        var cluster = Server.AddCluster($"{prefix}-{Interlocked.Increment(ref _next)}");
        return (cluster, cluster.CreateClient());
    }

    public static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? labels = null, string ns = "default") => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };
}
