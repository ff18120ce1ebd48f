using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>A server on a FakeTimeProvider with every controller delay set to <see cref="Delay"/>, one cluster and the add-on CRDs.</summary>
public sealed class FakeTimeSim : IAsyncDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    private FakeTimeSim(KubeSimServer server, FakeTimeProvider time, KubeSimCluster cluster)
    {
        Server = server;
        Time = time;
        Cluster = cluster;
        Client = cluster.CreateClient();
    }

    public KubeSimServer Server { get; }

    public FakeTimeProvider Time { get; }

    public KubeSimCluster Cluster { get; }

    public Kubernetes Client { get; }

    public static async Task<FakeTimeSim> StartAsync(int nodes = 1)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var server = await KubeSimServer.StartAsync(new KubeSimOptions { TimeProvider = time, Delays = KubeSimDelays.All(Delay) with { CrdEstablished = TimeSpan.Zero } });
        var sim = new FakeTimeSim(server, time, server.AddCluster("fake", nodes: nodes));
        foreach (var crd in JsonNode.Parse(Fixtures.Text("kubevirt-crds.json"))!.AsArray())
        {
            await sim.Client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", crd!.AsObject());
        }
        return sim;
    }

    /// <summary>Waits (event-driven) until the object's status satisfies <paramref name="check"/>.</summary>
    public Task<JsonObject> StatusAsync(string group, string version, string plural, string name, Func<JsonObject, bool> check, string ns = "default") =>
        StatusAsync(Cluster, Client, group, version, plural, name, check, ns);

    /// <summary>As <see cref="StatusAsync(string, string, string, string, Func{JsonObject, bool}, string)"/>, in another cluster of the server.</summary>
    public static Task<JsonObject> StatusAsync(KubeSimCluster cluster, Kubernetes client, string group, string version, string plural, string name,
        Func<JsonObject, bool> check, string ns = "default")
    {
        var root = group.Length == 0 ? "/api/v1" : $"/apis/{group}/{version}";
        return Eventually.WatchUntilAsync(cluster, $"{root}/namespaces/{ns}/{plural}", async () =>
        {
            var obj = await client.GetAsync(group, version, plural, ns, name);
            return check(obj) ? obj : null;
        });
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
