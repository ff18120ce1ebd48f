using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>The virtual clusters of one server, added and removed at runtime; restores persisted clusters on start.</summary>
internal sealed partial class ClusterRegistry(KubeSimRuntime runtime) : IDisposable
{
    /// <summary>Most clusters one server hosts; a bound against runaway scripts, far above the 1,000 we test.</summary>
    public const int MaxClusters = 20_000;

    private readonly ConcurrentDictionary<string, VirtualCluster> _clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClusterPersistence> _persistence = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public IReadOnlyDictionary<string, VirtualCluster> Clusters => _clusters;

    public VirtualCluster? Get(string name) => _clusters.GetValueOrDefault(name);

    /// <exception cref="ArgumentException">Bad name or version.</exception>
    /// <exception cref="InvalidOperationException">The name is taken or the server is full.</exception>
    public VirtualCluster Add(string name, string? version, int? nodes)
    {
        if (!ClusterName().IsMatch(name))
        {
            throw new ArgumentException($"cluster name \"{name}\" must be a DNS label: lower-case letters, digits and '-', at most 63 characters", nameof(name));
        }
        KubeVersion parsed;
        try
        {
            parsed = KubeVersion.Parse(version ?? runtime.Options.DefaultVersion);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(version), ex);
        }
        lock (_sync)
        {
            if (_clusters.ContainsKey(name))
            {
                throw new InvalidOperationException($"cluster \"{name}\" already exists");
            }
            if (_clusters.Count >= MaxClusters)
            {
                throw new InvalidOperationException($"this server already hosts {MaxClusters} clusters, the limit");
            }
            var cluster = Create(name, parsed, 0, out var persistence);
            ClusterSeed.Populate(cluster, nodes ?? runtime.Options.DefaultNodeCount);
            persistence?.WriteManifest(cluster.ResourceVersion);
            Register(cluster);
            return cluster;
        }
    }

    public bool Remove(string name)
    {
        lock (_sync)
        {
            if (!_clusters.TryRemove(name, out var cluster))
            {
                return false;
            }
            cluster.CloseWatches();
            runtime.Observer?.OnClusterRemoved(cluster);
            if (_persistence.TryRemove(name, out var persistence))
            {
                persistence.Dispose();
                Directory.Delete(ClusterDirectory(name), recursive: true);
            }
            return true;
        }
    }

    /// <summary>Restores every cluster persisted under the data directory.</summary>
    public void LoadPersisted()
    {
        var root = runtime.Options.DataDirectory;
        var clustersDir = root is null ? null : Path.Combine(root, "clusters");
        if (clustersDir is null || !Directory.Exists(clustersDir))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(clustersDir).Order(StringComparer.Ordinal))
        {
            var manifest = ClusterPersistence.ReadManifest(dir);
            if (manifest is null)
            {
                continue;
            }
            var cluster = Create(manifest.Name, KubeVersion.Parse(manifest.Version), manifest.ResourceVersion, out var persistence);
            var (objects, rv, version) = persistence!.Load();
            cluster.SetVersionQuietly(KubeVersion.Parse(version));
            lock (cluster.Sync)
            {
                var crdKey = new ResourceKey(BuiltinCatalog.ApiExtensionsGroup, "customresourcedefinitions");
                foreach (var (resource, obj) in objects.OrderBy(o => o.Resource == crdKey ? 0 : 1))
                {
                    cluster.Restore(resource, obj, resource == crdKey);
                }
                cluster.FinishRestore(Math.Max(rv, manifest.ResourceVersion));
            }
            persistence.Compact(cluster.ResourceVersion);
            Register(cluster);
        }
    }

    public void Dispose()
    {
        foreach (var persistence in _persistence.Values)
        {
            persistence.Dispose();
        }
    }

    private VirtualCluster Create(string name, KubeVersion version, long rv, out ClusterPersistence? persistence)
    {
        persistence = null;
        VirtualCluster? cluster = null;
        if (runtime.Options.DataDirectory is not null)
        {
            persistence = new ClusterPersistence(ClusterDirectory(name), version.GitVersion, () => cluster!.Snapshot());
            _persistence[name] = persistence;
        }
        cluster = new VirtualCluster(name, runtime, version, persistence, rv);
        return cluster;
    }

    private void Register(VirtualCluster cluster)
    {
        _clusters[cluster.Name] = cluster;
        runtime.Observer?.OnClusterAdded(cluster);
    }

    private string ClusterDirectory(string name) => Path.Combine(runtime.Options.DataDirectory!, "clusters", name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex ClusterName();
}
