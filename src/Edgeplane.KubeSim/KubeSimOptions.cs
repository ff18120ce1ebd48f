using Microsoft.Extensions.Logging;

namespace Edgeplane.KubeSim;

/// <summary>How a <see cref="KubeSimServer"/> listens, stores and simulates. Every limit here is explicit.</summary>
public sealed record KubeSimOptions
{
    /// <summary>TCP port on <see cref="ListenAddress"/>; 0 picks a free one (see <see cref="KubeSimServer.BaseUri"/>).</summary>
    public int Port { get; init; }

    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Drives creation timestamps, controller delays, watch bookmarks and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>When set, clusters and objects are persisted here and restored on the next start.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>gitVersion of new clusters. kubectl's dispatcher needs minor 29–33.</summary>
    public string DefaultVersion { get; init; } = "v1.31.4";

    /// <summary>Nodes created in each new cluster (named <c>&lt;cluster&gt;-node-N</c>).</summary>
    public int DefaultNodeCount { get; init; } = 1;

    /// <summary>Watch events kept per cluster; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int WatchHistoryLimit { get; init; } = 512;

    /// <summary>Events one watcher may have queued before it is closed as too slow.</summary>
    public int WatchMaxPending { get; init; } = 10_000;

    /// <summary>How often a watch with allowWatchBookmarks gets a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest request body accepted (kube-apiserver's limit is 3 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>Most objects one list page returns when the client sets a larger limit.</summary>
    public int MaxListLimit { get; init; } = 10_000;

    public KubeSimDelays Delays { get; init; } = new();

    /// <summary>The steps of the simulated Cluster API (provisioning, upgrades, deletion); 2 s each by default.</summary>
    public ClusterApiDelays ClusterApiDelays { get; init; } = new();

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Helm charts the simulated helm-controller can install (more can be added with <see cref="KubeSimServer.AddChart"/>).
    /// A HelmRelease whose chart is not among them only gets status, as before.
    /// </summary>
    public IReadOnlyList<SimulatedChart> Charts { get; init; } = [];

    /// <summary>Source of object uids; a test can make them deterministic.</summary>
    public Func<Guid> NewUid { get; init; } = Guid.NewGuid;
}
