using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Watch;

/// <summary>A change recorded in a cluster's bounded history; shares the stored object's bytes.</summary>
/// <param name="Previous">The state before a modification, so selector watches can turn it into ADDED/DELETED.</param>
internal sealed record WatchEvent(WatchEventType Type, ResourceKey Resource, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
