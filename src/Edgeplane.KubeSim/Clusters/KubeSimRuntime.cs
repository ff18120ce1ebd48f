using System.Globalization;
using Edgeplane.KubeSim;
using Edgeplane.KubeSim.Helm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>Services every virtual cluster of one server shares: options, time, logging, uids and the commit observer.</summary>
internal sealed class KubeSimRuntime(KubeSimOptions options)
{
    public KubeSimOptions Options { get; } = options;

    public TimeProvider Time => Options.TimeProvider;

    public ILoggerFactory LoggerFactory { get; } = options.LoggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>The simulated chart repositories the simulated helm-controller installs from.</summary>
    public ChartRegistry Charts { get; } = new(options.Charts);

    /// <summary>Called under the cluster lock after each committed change (controllers, garbage collection).</summary>
    public ICommitObserver? Observer { get; set; }

    /// <summary>The server's clusters, for controllers that act across clusters (Cluster API); set once the server exists.</summary>
    public IClusterHost? Host { get; set; }

    /// <summary>Another cluster of the same server by name, or null.</summary>
    public VirtualCluster? FindCluster(string name) => Host?.Find(name);

    /// <summary>RFC 3339 with second precision, as metav1.Time serializes.</summary>
    public string Now() => Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string NewUid() => Options.NewUid().ToString();
}
