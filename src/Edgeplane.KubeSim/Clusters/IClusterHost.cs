namespace Edgeplane.KubeSim.Clusters;

/// <summary>
/// The server's virtual clusters as controllers that act across clusters see them (Cluster API: a management cluster
/// creates, upgrades and removes the workload clusters it provisions).
/// </summary>
internal interface IClusterHost
{
    /// <summary>The cluster of that name, or null.</summary>
    VirtualCluster? Find(string name);

    /// <summary>Adds a cluster as <see cref="KubeSimServer.AddCluster"/> does (default node count).</summary>
    /// <exception cref="ArgumentException">Bad name or version.</exception>
    /// <exception cref="InvalidOperationException">The name is taken or the server is full.</exception>
    VirtualCluster Add(string name, string version);

    /// <summary>Removes a cluster as <see cref="KubeSimServer.RemoveCluster"/> does; false if there was none.</summary>
    bool Remove(string name);

    /// <summary>The API server URL of a cluster, or null while the server is not listening yet.</summary>
    Uri? ClusterUri(string name);
}
