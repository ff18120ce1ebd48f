using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Watch;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>Learns of every committed change; called under the cluster lock, so it must only enqueue work.</summary>
internal interface ICommitObserver
{
    void OnCommitted(VirtualCluster cluster, ResourceType type, WatchEvent change);
}
