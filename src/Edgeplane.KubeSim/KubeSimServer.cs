using System.Collections.Concurrent;
using System.Net;
using Edgeplane.KubeSim.Admin;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Controllers;
using Edgeplane.KubeSim.Hosting;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.KubeSim;

/// <summary>
/// An in-process Kubernetes API emulator serving many virtual clusters over real HTTP, each under
/// <c>/clusters/{name}</c>, with an admin endpoint under <c>/_sim</c>. Start it with <see cref="StartAsync"/>.
/// </summary>
public sealed partial class KubeSimServer : IAsyncDisposable, IClusterHost
{
    private readonly WebApplication _app;
    private readonly KubeSimRuntime _runtime;
    private readonly ClusterRegistry _registry;
    private readonly ControllerRunner _controllers;
    private readonly ConcurrentDictionary<string, KubeSimCluster> _clusters = new(StringComparer.Ordinal);

    private KubeSimServer(WebApplication app, KubeSimRuntime runtime, ClusterRegistry registry, ControllerRunner controllers)
    {
        _app = app;
        _runtime = runtime;
        _registry = registry;
        _controllers = controllers;
    }

    public KubeSimOptions Options => _runtime.Options;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The clusters by name; changes as clusters are added and removed.</summary>
    public IReadOnlyDictionary<string, KubeSimCluster> Clusters => _clusters;

    /// <summary>Starts listening; restores persisted clusters when <see cref="KubeSimOptions.DataDirectory"/> holds any.</summary>
    public static async Task<KubeSimServer> StartAsync(KubeSimOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeSimOptions();
        var runtime = new KubeSimRuntime(options);
        var controllers = new ControllerRunner(runtime);
        runtime.Observer = controllers;
        var registry = new ClusterRegistry(runtime);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(KubeSimServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + 1;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port);
        });
        var app = builder.Build();
        var server = new KubeSimServer(app, runtime, registry, controllers);
        runtime.Host = server;
        var router = new RequestRouter(registry, new ApiHandler(runtime), new AdminApi(server));
        app.Run(router.HandleAsync);
        registry.LoadPersisted();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        foreach (var cluster in registry.Clusters.Values)
        {
            server.Track(cluster);
        }
        controllers.OnListening(registry.Clusters.Values);
        return server;
    }

    /// <summary>Adds a virtual cluster with the system namespaces and <paramref name="nodes"/> nodes.</summary>
    /// <exception cref="ArgumentException">Bad name or version.</exception>
    /// <exception cref="InvalidOperationException">The name is taken.</exception>
    public KubeSimCluster AddCluster(string name, string? version = null, int? nodes = null) =>
        Track(_registry.Add(name, version, nodes));

    /// <summary>Removes a cluster, its objects and its persisted data; open watches end.</summary>
    public bool RemoveCluster(string name)
    {
        _clusters.TryRemove(name, out _);
        return _registry.Remove(name);
    }

    /// <summary>
    /// Registers a Helm chart with the server's simulated chart repositories: HelmReleases of any cluster whose source
    /// names it are installed from its manifests (see docs/kubesim.md). Registering the same repository, name and
    /// version again replaces the chart; releases already installed are not reinstalled.
    /// </summary>
    /// <exception cref="ArgumentException">An empty field, manifests that are not Kubernetes objects, or a limit passed.</exception>
    public void AddChart(SimulatedChart chart) => _runtime.Charts.Add(chart);

    /// <summary>The API server URL of a cluster (whether or not it exists yet).</summary>
    public Uri ClusterUri(string name) => new(BaseUri, $"clusters/{name}");

    VirtualCluster? IClusterHost.Find(string name) => _registry.Get(name);

    VirtualCluster IClusterHost.Add(string name, string version) => AddCluster(name, version).Inner;

    bool IClusterHost.Remove(string name) => RemoveCluster(name);

    Uri? IClusterHost.ClusterUri(string name) => BaseUri is null ? null : ClusterUri(name);

    /// <summary>A client of the official KubernetesClient package for one cluster.</summary>
    public Kubernetes CreateClient(string cluster) =>
        _clusters.TryGetValue(cluster, out var c) ? c.CreateClient() : throw new KeyNotFoundException($"no cluster \"{cluster}\"");

    /// <summary>Writes a kubeconfig with a context per cluster (all clusters unless <paramref name="clusters"/> is given).</summary>
    public void WriteKubeconfig(string path, string? currentContext = null, IEnumerable<string>? clusters = null)
    {
        var names = (clusters ?? _clusters.Keys.Order(StringComparer.Ordinal)).ToList();
        var text = KubeconfigWriter.Render(names.Select(n => (n, ClusterUri(n))), currentContext ?? names.FirstOrDefault());
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        File.WriteAllText(path, text);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _registry.Clusters.Values)
        {
            cluster.CloseWatches();
        }
        await _controllers.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }
        await _app.DisposeAsync();
        _registry.Dispose();
    }

    internal ClusterRegistry Registry => _registry;

    private KubeSimCluster Track(VirtualCluster cluster)
    {
        var facade = new KubeSimCluster(cluster, ClusterUri(cluster.Name), _controllers.WhenIdleAsync);
        _clusters[cluster.Name] = facade;
        return facade;
    }
}
