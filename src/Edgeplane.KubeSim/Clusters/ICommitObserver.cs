using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Watch;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>Learns of clusters and of every committed change (the simulated controllers).</summary>
internal interface ICommitObserver
{
    /// <summary>Called under the cluster lock: must only note the change and enqueue work.</summary>
    void OnCommitted(VirtualCluster cluster, ResourceType type, WatchEvent change);

    void OnClusterAdded(VirtualCluster cluster);

    void OnClusterRemoved(VirtualCluster cluster);
}
