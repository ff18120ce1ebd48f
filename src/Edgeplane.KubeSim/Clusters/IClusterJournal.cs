using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>Where committed changes go to survive a restart (see <see cref="Storage.ClusterPersistence"/>). Called under the cluster lock.</summary>
internal interface IClusterJournal
{
    void Put(ResourceKey resource, StoredObject obj);

    void Delete(ResourceKey resource, StoredObject previous, long resourceVersion);

    void VersionChanged(string gitVersion);
}
