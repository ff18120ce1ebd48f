using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Faults;
using Edgeplane.KubeSim.Storage;
using Edgeplane.KubeSim.Watch;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>
/// One emulated cluster: its objects, resourceVersion counter, kinds (built-ins + CRDs), version and faults.
/// All reads and writes of the store happen under <see cref="Sync"/>; stored objects are immutable byte arrays,
/// so answers are serialized outside the lock. Clusters never share locks, so many agents scale across clusters.
/// </summary>
internal sealed partial class VirtualCluster
{
    private readonly ObjectStore _store = new();
    private readonly WatchHub _watches;
    private readonly IClusterJournal? _journal;
    private volatile ResourceCatalog _catalog = ResourceCatalog.Builtin;
    private volatile KubeVersion _version;
    private long _resourceVersion;
    private int _serviceIps;

    public VirtualCluster(string name, KubeSimRuntime runtime, KubeVersion version, IClusterJournal? journal, long resourceVersion = 0)
    {
        Name = name;
        Runtime = runtime;
        _version = version;
        _journal = journal;
        _resourceVersion = resourceVersion;
        _watches = new WatchHub(runtime.Options.WatchHistoryLimit, resourceVersion);
        Faults.BecameUnreachable += CloseWatches;
    }

    public string Name { get; }

    public KubeSimRuntime Runtime { get; }

    public Lock Sync { get; } = new();

    public ClusterFaults Faults { get; } = new();

    public ResourceCatalog Catalog => _catalog;

    public KubeVersion Version => _version;

    public long ResourceVersion { get { lock (Sync) { return _resourceVersion; } } }

    public int ObjectCount { get { lock (Sync) { return _store.Count; } } }

    public int WatchCount { get { lock (Sync) { return _watches.Count; } } }

    public void SetVersion(KubeVersion version)
    {
        _version = version;
        _journal?.VersionChanged(version.GitVersion);
    }

    /// <summary>Sets the version without journaling it (restore).</summary>
    public void SetVersionQuietly(KubeVersion version) => _version = version;

    public void CloseWatches()
    {
        lock (Sync)
        {
            _watches.CloseAll();
        }
    }

    /// <summary>Every object of the cluster, for persistence snapshots and controller resyncs.</summary>
    public List<(ResourceKey Resource, StoredObject Object)> Snapshot()
    {
        lock (Sync)
        {
            return _store.All().ToList();
        }
    }
}
