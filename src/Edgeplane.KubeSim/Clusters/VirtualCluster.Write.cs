using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    public WriteResult Create(ObjectTarget target, JsonObject body, WriteOptions options)
    {
        NormalizeIdentity(target, body);
        if (body.Name() is null && body.At("metadata", "generateName")?.ToString() is { Length: > 0 } prefix)
        {
            body.Meta()["name"] = prefix + Runtime.NewUid().Replace("-", "", StringComparison.Ordinal)[..5];
        }
        var name = body.Name() ?? string.Empty;
        var warnings = CheckFields(target.Type, body, options.Validation);
        var named = target with { Name = name };
        lock (Sync)
        {
            CheckNamespace(named, creating: true);
            if (name.Length > 0 && _store.Get(target.Type.Key, target.Namespace, name) is not null)
            {
                throw ApiException.AlreadyExists(target.Type, name);
            }
            CheckEscalation(named, body, options);
            var obj = Admit(named, null, body, options.Manager, ownershipDone: false);
            return Commit(named, null, obj, options, 201, warnings);
        }
    }

    public WriteResult Update(ObjectTarget target, JsonObject body, WriteOptions options)
    {
        NormalizeIdentity(target, body);
        var warnings = CheckFields(target.Type, body, options.Validation);
        lock (Sync)
        {
            var existing = _store.Get(target.Type.Key, target.Namespace, target.RequiredName)
                ?? throw ApiException.NotFound(target.Type, target.RequiredName);
            return UpdateLocked(target, existing, body, options, warnings);
        }
    }

    /// <summary>The shared tail of PUT and non-apply PATCH: precondition, admission, no-op detection, commit.</summary>
    private WriteResult UpdateLocked(ObjectTarget target, StoredObject existing, JsonObject body, WriteOptions options, List<string> warnings)
    {
        var requestedRv = body.At("metadata", "resourceVersion")?.ToString();
        if (!string.IsNullOrEmpty(requestedRv) && requestedRv != ContinueToken.Rv(existing.ResourceVersion))
        {
            throw ApiException.StaleResourceVersion(target.Type, target.RequiredName);
        }
        var old = JsonUtil.ParseObject(existing.Json);
        if (body.At("metadata", "managedFields") is not JsonArray { Count: > 0 })
        {
            body.Meta()["managedFields"] = old.At("metadata", "managedFields")?.DeepClone();
        }
        CheckEscalation(target, body, options);
        var obj = Admit(target, old, body, options.Manager, ownershipDone: false);
        return Commit(target, existing, obj, options, 200, warnings);
    }

    /// <summary>Commits unless dry run or nothing changed; completes a deletion whose last finalizer went.</summary>
    private WriteResult Commit(ObjectTarget target, StoredObject? existing, JsonObject obj, WriteOptions options, int status, List<string> warnings)
    {
        if (existing is not null)
        {
            obj.Meta()["resourceVersion"] = ContinueToken.Rv(existing.ResourceVersion);
            if (JsonUtil.DeepEquals(JsonUtil.Parse(existing.Json), obj))
            {
                return new WriteResult(200, Present(target.Type, existing.Json), warnings);
            }
            if (obj.IsDeleting() && obj.Finalizers().Count == 0 && target.Type.Kind != "Namespace")
            {
                if (!options.DryRun)
                {
                    return new WriteResult(200, Present(target.Type, CommitDelete(target.Type, existing, obj).Json), warnings);
                }
                return new WriteResult(200, JsonUtil.ToBytes(obj), warnings);
            }
        }
        if (options.DryRun)
        {
            return new WriteResult(status, JsonUtil.ToBytes(obj), warnings);
        }
        var stored = CommitWrite(target.Type, obj, existing);
        return new WriteResult(status, Present(target.Type, stored.Json), warnings);
    }

    private void CheckNamespace(ObjectTarget target, bool creating)
    {
        if (!target.Type.Namespaced)
        {
            return;
        }
        var ns = target.Namespace ?? throw ApiException.BadRequest($"a namespace is required to create {target.Type.Plural}");
        var nsType = ResourceCatalog.Builtin.FindKind("", "Namespace")!;
        var nsObj = _store.Get(nsType.Key, null, ns) ?? throw ApiException.NamespaceNotFound(ns);
        if (creating && JsonUtil.ParseObject(nsObj.Json).IsDeleting())
        {
            throw ApiException.Forbidden(target.Type, target.Name ?? string.Empty,
                $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    /// <summary>Objects are stored in the version they were written; other served versions of a CRD see apiVersion rewritten (conversion None).</summary>
    public byte[] Present(ResourceType type, byte[] json)
    {
        if (!type.IsCustom || !_catalog.Crds.Any(c => c.Value.Length > 1 && c.Value.Contains(type)))
        {
            return json;
        }
        var obj = JsonUtil.ParseObject(json);
        if (obj.Str("apiVersion") == type.GroupVersion)
        {
            return json;
        }
        obj["apiVersion"] = type.GroupVersion;
        return JsonUtil.ToBytes(obj);
    }
}
