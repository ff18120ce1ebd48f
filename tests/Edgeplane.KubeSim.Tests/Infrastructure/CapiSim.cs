using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>
/// A server on a FakeTimeProvider with a management cluster "mgmt" serving the Cluster API CRDs (v1beta2 and v1beta1),
/// and Cluster API steps of distinct lengths (<see cref="Delays"/>), so a test that mixes two of them up fails.
/// </summary>
public sealed class CapiSim : IAsyncDisposable
{
    public static readonly ClusterApiDelays Delays = new()
    {
        Provision = TimeSpan.FromSeconds(10),
        ControlPlane = TimeSpan.FromSeconds(20),
        Upgrade = TimeSpan.FromSeconds(30),
        Delete = TimeSpan.FromSeconds(40),
    };

    public const string Namespace = "default";

    private CapiSim(KubeSimServer server, FakeTimeProvider time, KubeSimCluster management)
    {
        Server = server;
        Time = time;
        Management = management;
        Client = management.CreateClient();
    }

    public KubeSimServer Server { get; }

    public FakeTimeProvider Time { get; }

    public KubeSimCluster Management { get; }

    public Kubernetes Client { get; }

    /// <param name="without">Names of CRDs of the fixture not to install (e.g. the ClusterResourceSetBinding's).</param>
    public static async Task<CapiSim> StartAsync(params string[] without)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        var server = await KubeSimServer.StartAsync(new KubeSimOptions { TimeProvider = time, ClusterApiDelays = Delays });
        var sim = new CapiSim(server, time, server.AddCluster("mgmt"));
        await InstallCrdsAsync(sim.Client, without);
        return sim;
    }

    /// <summary>Installs the Cluster API CRDs of testdata/cluster-api-v1beta2-crds.json, as the fleet's cluster-api add-on would.</summary>
    public static async Task InstallCrdsAsync(Kubernetes client, params string[] without)
    {
        foreach (var crd in JsonNode.Parse(Fixtures.Text("cluster-api-v1beta2-crds.json"))!.AsArray().OfType<JsonObject>())
        {
            if (!without.Contains(crd["metadata"]!["name"]!.GetValue<string>()))
            {
                await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", crd);
            }
        }
    }

    /// <summary>Moves the controllers' clock and waits until the management cluster's controllers are done with it.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Management.WhenControllersIdleAsync();
    }

    public Task<JsonObject> CreateAsync(JsonObject obj)
    {
        var (group, version, plural) = CapiManifests.Resource(obj);
        return Client.CreateAsync(group, version, plural, obj["metadata"]!["namespace"]?.GetValue<string>() ?? Namespace, obj);
    }

    public Task<JsonObject> GetAsync(string kind, string name, string ns = Namespace)
    {
        var (group, version, plural) = CapiManifests.Resource(kind);
        return Client.GetAsync(group, version, plural, ns, name);
    }

    /// <summary>Waits (event-driven) until the object satisfies <paramref name="check"/>.</summary>
    public Task<JsonObject> WaitAsync(string kind, string name, Func<JsonObject, bool> check, string ns = Namespace)
    {
        var (group, version, plural) = CapiManifests.Resource(kind);
        return FakeTimeSim.StatusAsync(Management, Client, group, version, plural, name, check, ns);
    }

    /// <summary>Creates the objects of a kubeadm cluster and lets both provisioning steps pass; returns the Provisioned Cluster.</summary>
    public async Task<JsonObject> ProvisionAsync(string name, string version = "v1.31.4", IDictionary<string, string>? labels = null)
    {
        foreach (var obj in CapiManifests.KubeadmCluster(name, version, labels))
        {
            await CreateAsync(obj);
        }
        await Management.WhenControllersIdleAsync();
        await AdvanceAsync(Delays.Provision);
        await AdvanceAsync(Delays.ControlPlane);
        return await WaitAsync("Cluster", name, c => Phase(c) == "Provisioned");
    }

    /// <summary>The status of a condition ("True", "False") or null when the object does not have it.</summary>
    public static string? Condition(JsonObject obj, string type) => ConditionOf(obj, type)?["status"]?.GetValue<string>();

    public static JsonObject? ConditionOf(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);

    public static string? Phase(JsonObject obj) => obj["status"]?["phase"]?.GetValue<string>();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
