using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>
    /// A controller's status write: computes the new status from the current object under the lock and stores it
    /// through the status subresource path (managedFields under <paramref name="manager"/>). Skips the write when the
    /// status would not change or the object is gone. Returns the new object JSON, or null when nothing was written.
    /// </summary>
    public JsonObject? WriteStatus(ResourceType type, string? ns, string name, string manager, Func<JsonObject, JsonObject?> computeStatus)
    {
        lock (Sync)
        {
            var existing = _store.Get(type.Key, ns, name);
            if (existing is null)
            {
                return null;
            }
            var current = JsonUtil.ParseObject(existing.Json);
            var status = computeStatus(current);
            if (status is null || JsonUtil.DeepEquals(current["status"], status))
            {
                return null;
            }
            var desired = JsonUtil.CloneObject(current);
            desired["status"] = status;
            var target = new ObjectTarget(type, ns, name, type.HasStatus ? "status" : null);
            var obj = Admit(target, current, desired, manager, ownershipDone: false);
            CommitWrite(type, obj, existing);
            return obj;
        }
    }

    /// <summary>A controller's create (e.g. a VirtualMachineInstance); a no-op when it already exists.</summary>
    public void CreateIfMissing(ResourceType type, JsonObject obj, string manager)
    {
        lock (Sync)
        {
            if (_store.Get(type.Key, type.Namespaced ? obj.Namespace() : null, obj.Name()!) is not null)
            {
                return;
            }
            Create(new ObjectTarget(type, type.Namespaced ? obj.Namespace() : null, null), obj, WriteOptions.Controller(manager));
        }
    }

    /// <summary>
    /// A controller's write of the main resource (metadata or spec, e.g. a finalizer): <paramref name="change"/> edits a
    /// copy of the current object under the lock and says whether it changed anything; the copy is then stored as a PUT
    /// would store it (a deleting object whose last finalizer goes is deleted). Returns false when nothing was written.
    /// </summary>
    public bool Mutate(ResourceType type, string? ns, string name, string manager, Func<JsonObject, bool> change)
    {
        lock (Sync)
        {
            var existing = _store.Get(type.Key, ns, name);
            if (existing is null)
            {
                return false;
            }
            var desired = JsonUtil.ParseObject(existing.Json);
            if (!change(desired))
            {
                return false;
            }
            UpdateLocked(new ObjectTarget(type, ns, name), existing, desired, WriteOptions.Controller(manager), []);
            return true;
        }
    }
}
