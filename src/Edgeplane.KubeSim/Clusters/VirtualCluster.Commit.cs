using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Storage;
using Edgeplane.KubeSim.Watch;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>Stores a new state under a fresh resourceVersion and publishes it. Caller holds <see cref="Sync"/>.</summary>
    public StoredObject CommitWrite(ResourceType type, JsonObject obj, StoredObject? previous)
    {
        var rv = ++_resourceVersion;
        var meta = obj.Obj("metadata");
        meta["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(JsonUtil.ToBytes(obj), rv, type.Namespaced ? meta.Str("namespace") : null,
            meta.Str("name")!, meta.Str("uid") ?? string.Empty);
        _store.Put(type.Key, stored);
        _journal?.Put(type.Key, stored);
        Publish(type, new WatchEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, type.Key, stored, previous));
        if (type.Kind == "CustomResourceDefinition" && type.Group == BuiltinCatalog.ApiExtensionsGroup)
        {
            OnCrdWritten(obj);
        }
        return stored;
    }

    /// <summary>Removes an object for good and publishes DELETED with its last state. Caller holds <see cref="Sync"/>.</summary>
    public StoredObject CommitDelete(ResourceType type, StoredObject previous, JsonObject lastState)
    {
        var rv = ++_resourceVersion;
        lastState.Obj("metadata")["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(JsonUtil.ToBytes(lastState), rv, previous.Namespace, previous.Name, previous.Uid);
        _store.Remove(type.Key, previous.Namespace, previous.Name);
        _journal?.Delete(type.Key, previous, rv);
        Publish(type, new WatchEvent(WatchEventType.Deleted, type.Key, stored, previous));
        if (type.Kind == "CustomResourceDefinition" && type.Group == BuiltinCatalog.ApiExtensionsGroup)
        {
            OnCrdDeleted(previous.Name);
        }
        return stored;
    }

    /// <summary>Loads a persisted object without events (restart). Caller holds <see cref="Sync"/>.</summary>
    public void Restore(ResourceKey resource, StoredObject obj, bool isCrd)
    {
        _store.Put(resource, obj);
        _resourceVersion = Math.Max(_resourceVersion, obj.ResourceVersion);
        if (isCrd)
        {
            OnCrdWritten(JsonUtil.ParseObject(obj.Json));
        }
    }

    /// <summary>After a restore: history starts at the restored resourceVersion. Caller holds <see cref="Sync"/>.</summary>
    public void FinishRestore(long resourceVersion)
    {
        _resourceVersion = Math.Max(_resourceVersion, resourceVersion);
        _watches.Reset(_resourceVersion);
    }

    private void Publish(ResourceType type, WatchEvent change)
    {
        _watches.Record(change);
        Runtime.Observer?.OnCommitted(this, type, change);
    }

    /// <summary>Allocates the next ClusterIP from 10.96.0.0/16 (10.96.0.1 is the kubernetes Service in a real cluster).</summary>
    public string NextServiceIp()
    {
        var n = Interlocked.Increment(ref _serviceIps) + 10;
        return $"10.96.{(n >> 8) & 255}.{n & 255}";
    }
}
