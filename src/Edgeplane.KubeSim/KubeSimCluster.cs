using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Faults;
using k8s;

namespace Edgeplane.KubeSim;

/// <summary>One virtual cluster of a <see cref="KubeSimServer"/>, as tests and tools see it.</summary>
public sealed class KubeSimCluster
{
    private readonly VirtualCluster _cluster;
    private readonly Func<VirtualCluster, Task> _whenIdle;

    internal KubeSimCluster(VirtualCluster cluster, Uri uri, Func<VirtualCluster, Task> whenIdle)
    {
        _cluster = cluster;
        Uri = uri;
        _whenIdle = whenIdle;
    }

    public string Name => _cluster.Name;

    /// <summary>The API server URL of this cluster, e.g. <c>http://127.0.0.1:PORT/clusters/site-1</c>.</summary>
    public Uri Uri { get; }

    /// <summary>Failure injection: throttling, 5xx, unreachable, objects that never become ready.</summary>
    public ClusterFaults Faults => _cluster.Faults;

    /// <summary>The gitVersion /version reports.</summary>
    public string Version => _cluster.Version.GitVersion;

    public long ResourceVersion => _cluster.ResourceVersion;

    public int ObjectCount => _cluster.ObjectCount;

    /// <summary>Open watches on this cluster.</summary>
    public int WatchCount => _cluster.WatchCount;

    internal VirtualCluster Inner => _cluster;

    /// <summary>
    /// Completes when the simulated controllers have reconciled every change made so far (no work queued or running).
    /// What they schedule for later on the server's <see cref="TimeProvider"/> (rollout delays) waits for that time.
    /// Tests use it before taking a resource version as the witness that a later step writes nothing.
    /// </summary>
    public Task WhenControllersIdleAsync(CancellationToken cancellationToken = default) =>
        _whenIdle(_cluster).WaitAsync(cancellationToken);

    /// <summary>Changes what /version reports (as an upgrade would), e.g. <c>v1.32.1</c>.</summary>
    /// <exception cref="FormatException">Not a Kubernetes version.</exception>
    public void SetVersion(string gitVersion) => _cluster.SetVersion(KubeVersion.Parse(gitVersion));

    /// <summary>A client of the official KubernetesClient package talking to this cluster over HTTP.</summary>
    public Kubernetes CreateClient(TimeSpan? timeout = null) =>
        new(new KubernetesClientConfiguration { Host = Uri.ToString().TrimEnd('/'), HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(100) });
}
