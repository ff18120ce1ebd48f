using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Apply;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Patching;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>Longest field manager name kube-apiserver accepts.</summary>
    public const int MaxManagerLength = 128;

    public WriteResult Patch(ObjectTarget target, PatchKind kind, JsonNode? patch, WriteOptions options)
    {
        if (kind == PatchKind.Apply)
        {
            return Apply(target, patch as JsonObject ?? throw ApiException.BadRequest("an apply patch must be an object"), options);
        }
        lock (Sync)
        {
            var existing = _store.Get(target.Type.Key, target.Namespace, target.RequiredName)
                ?? throw ApiException.NotFound(target.Type, target.RequiredName);
            var current = JsonUtil.ParseObject(existing.Json);
            JsonObject patched;
            try
            {
                patched = kind switch
                {
                    PatchKind.Json => ApiServerPatch.Json(current, patch) as JsonObject,
                    PatchKind.Merge => MergePatch.Apply(current, patch) as JsonObject,
                    _ => ApiServerPatch.Strategic(current, patch, target.Type.Schema),
                } ?? throw ApiException.BadRequest("the patch must leave an object");
            }
            catch (Exception ex) when (ex is FormatException or PatchException)
            {
                throw new ApiException(422, "Invalid", $"the patch could not be applied: {ex.Message}");
            }
            NormalizeIdentity(target, patched);
            var warnings = CheckFields(target.Type, patched, options.Validation);
            return UpdateLocked(target, existing, patched, options, warnings);
        }
    }

    private WriteResult Apply(ObjectTarget target, JsonObject config, WriteOptions options)
    {
        if (config.Str("apiVersion") is null || config.Str("kind") is null)
        {
            throw ApiException.BadRequest("apply patches must set apiVersion and kind");
        }
        if (config.At("metadata", "managedFields") is not null)
        {
            throw ApiException.BadRequest("metadata.managedFields must be nil");
        }
        NormalizeIdentity(target, config);
        var warnings = CheckFields(target.Type, config, options.Validation);
        StripForScope(target, config);
        lock (Sync)
        {
            var existing = _store.Get(target.Type.Key, target.Namespace, target.RequiredName);
            if (existing is null)
            {
                CheckNamespace(target, creating: true);
            }
            var live = existing is null ? Skeleton(target) : JsonUtil.ParseObject(existing.Json);
            var old = existing is null ? null : JsonUtil.ParseObject(existing.Json);
            var ownership = new FieldOwnership(target.Type.Schema, target.Type.HasStatus, target.Subresource,
                target.Type.GroupVersion, Runtime.Now());
            var merged = ownership.Apply(live, config, options.Manager, options.Force);
            if (target.Subresource == "status" && existing is null)
            {
                throw ApiException.NotFound(target.Type, target.RequiredName);
            }
            CheckEscalation(target, merged, options);
            var obj = Admit(target, old, merged, options.Manager, ownershipDone: true);
            return Commit(target, existing, obj, options, existing is null ? 201 : 200, warnings);
        }
    }

    /// <summary>Main-resource applies of kinds with a status subresource ignore status; status applies only carry status.</summary>
    private static void StripForScope(ObjectTarget target, JsonObject config)
    {
        if (!target.Type.HasStatus)
        {
            return;
        }
        if (target.Subresource == "status")
        {
            foreach (var name in config.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status")).ToList())
            {
                config.Remove(name);
            }
            return;
        }
        config.Remove("status");
    }

    private static JsonObject Skeleton(ObjectTarget target)
    {
        var meta = new JsonObject { ["name"] = target.RequiredName };
        if (target.Namespace is not null)
        {
            meta["namespace"] = target.Namespace;
        }
        return new JsonObject { ["apiVersion"] = target.Type.GroupVersion, ["kind"] = target.Type.Kind, ["metadata"] = meta };
    }
}
