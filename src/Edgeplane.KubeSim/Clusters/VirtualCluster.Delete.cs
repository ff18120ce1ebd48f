using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>
    /// Deletes at once, or — with finalizers, or for a Namespace — marks deletionTimestamp and answers 202;
    /// the last finalizer's removal (or the namespace controller) completes it. Dependents go in the background
    /// unless propagationPolicy=Orphan, which strips their ownerReferences instead.
    /// </summary>
    public WriteResult Delete(ObjectTarget target, DeleteOptions options)
    {
        lock (Sync)
        {
            var existing = _store.Get(target.Type.Key, target.Namespace, target.RequiredName)
                ?? throw ApiException.NotFound(target.Type, target.RequiredName);
            CheckPreconditions(target, existing, options);
            var obj = JsonUtil.ParseObject(existing.Json);
            var isNamespace = target.Type.Kind == "Namespace" && !target.Type.IsCustom;
            if (isNamespace || obj.Finalizers().Count > 0)
            {
                return MarkDeleting(target, existing, obj, options, isNamespace);
            }
            if (options.DryRun)
            {
                return new WriteResult(200, DeletedBody(target, existing), []);
            }
            if (options.Orphan)
            {
                OrphanDependents(existing.Uid);
            }
            CommitDelete(target.Type, existing, obj);
            return new WriteResult(200, DeletedBody(target, existing), []);
        }
    }

    /// <summary>Deletes every object a list would return (deletecollection).</summary>
    public WriteResult DeleteCollection(ResourceType type, Watch.WatchFilter filter, DeleteOptions options)
    {
        var page = List(filter, 0, null);
        var deleted = new List<byte[]>();
        foreach (var item in page.Items)
        {
            try
            {
                deleted.Add(Delete(new ObjectTarget(type, item.Namespace, item.Name), options).Body);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Deleted concurrently: what deletecollection wanted anyway.
            }
        }
        var body = $"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{type.GroupVersion}\",\"metadata\":{{}},\"items\":[{string.Join(",", deleted.Select(Encoding.UTF8.GetString))}]}}";
        return new WriteResult(200, Encoding.UTF8.GetBytes(body), []);
    }

    private static void CheckPreconditions(ObjectTarget target, StoredObject existing, DeleteOptions options)
    {
        if (options.PreconditionUid is { } uid && uid != existing.Uid)
        {
            throw ApiException.Conflict(target.Type, target.RequiredName,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid}");
        }
        if (options.PreconditionResourceVersion is { } rv && rv != ContinueToken.Rv(existing.ResourceVersion))
        {
            throw ApiException.Conflict(target.Type, target.RequiredName,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {existing.ResourceVersion}");
        }
    }

    private WriteResult MarkDeleting(ObjectTarget target, StoredObject existing, JsonObject obj, DeleteOptions options, bool isNamespace)
    {
        if (obj.IsDeleting())
        {
            return new WriteResult(202, Present(target.Type, existing.Json), []);
        }
        var meta = obj.Meta();
        meta["deletionTimestamp"] = Runtime.Now();
        meta["deletionGracePeriodSeconds"] = 0;
        if (isNamespace)
        {
            obj.Obj("status")["phase"] = "Terminating";
        }
        if (options.DryRun)
        {
            return new WriteResult(202, JsonUtil.ToBytes(obj), []);
        }
        var stored = CommitWrite(target.Type, obj, existing);
        return new WriteResult(isNamespace ? 200 : 202, Present(target.Type, stored.Json), []);
    }

    private byte[] DeletedBody(ObjectTarget target, StoredObject existing) =>
        target.Type.IsCustom
            ? Present(target.Type, existing.Json)
            : JsonUtil.ToBytes(StatusWriter.Success(existing.Name, target.Type.Group, target.Type.Plural, existing.Uid));

    /// <summary>Removes ownerReferences to <paramref name="ownerUid"/> from every dependent. Caller holds <see cref="Sync"/>.</summary>
    private void OrphanDependents(string ownerUid)
    {
        foreach (var (resource, dependent) in Dependents(ownerUid).ToList())
        {
            var type = _catalog.AnyVersion(resource);
            var obj = JsonUtil.ParseObject(dependent.Json);
            if (type is null || obj.At("metadata", "ownerReferences") is not JsonArray refs)
            {
                continue;
            }
            foreach (var owner in refs.Where(r => r.Str("uid") == ownerUid).ToList())
            {
                refs.Remove(owner);
            }
            CommitWrite(type, obj, dependent);
        }
    }

    /// <summary>Objects naming <paramref name="ownerUid"/> in their ownerReferences. Caller holds <see cref="Sync"/>.</summary>
    public IEnumerable<(ResourceKey Resource, StoredObject Object)> Dependents(string ownerUid)
    {
        var needle = Encoding.UTF8.GetBytes(ownerUid);
        foreach (var (resource, obj) in _store.All())
        {
            // A cheap byte search first: uids are unique, so only real dependents (or their owner) get parsed.
            if (obj.Uid == ownerUid || obj.Json.AsSpan().IndexOf(needle) < 0)
            {
                continue;
            }
            var refs = JsonUtil.ParseObject(obj.Json).At("metadata", "ownerReferences") as JsonArray;
            if (refs?.Any(r => r.Str("uid") == ownerUid) == true)
            {
                yield return (resource, obj);
            }
        }
    }
}
