using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Apply;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>Fills apiVersion/kind/name/namespace from the URL and rejects bodies that contradict it (400).</summary>
    public static void NormalizeIdentity(ObjectTarget target, JsonObject obj)
    {
        var type = target.Type;
        var apiVersion = obj.Str("apiVersion");
        if (apiVersion is not null && apiVersion != type.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }
        var kind = obj.Str("kind");
        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var meta = obj.Obj("metadata");
        var name = meta.Str("name");
        if (target.Name is not null && name is not null && name != target.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({target.Name})");
        }
        if (target.Name is not null)
        {
            meta["name"] = target.Name;
        }
        var ns = meta.Str("namespace");
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
        }
        else if (ns is not null && target.Namespace is not null && ns != target.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        else if (target.Namespace is not null)
        {
            meta["namespace"] = target.Namespace;
        }
    }

    /// <summary>Drops undeclared fields; Strict turns them into a 400, Warn into warnings.</summary>
    public static List<string> CheckFields(ResourceType type, JsonObject obj, FieldValidationMode mode)
    {
        var unknown = type.Schema.FindUnknownFields(obj, prune: true);
        if (unknown.Count == 0 || mode == FieldValidationMode.Ignore)
        {
            return [];
        }
        var text = unknown.Select(u => $"unknown field \"{u}\"").ToList();
        if (mode == FieldValidationMode.Strict)
        {
            throw ApiException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", text)}");
        }
        return text;
    }

    /// <summary>
    /// Turns a requested state into the state to store: status rules, system metadata, defaults, validation,
    /// generation and (unless apply already did it) managedFields. Caller holds <see cref="Sync"/>.
    /// </summary>
    private JsonObject Admit(ObjectTarget target, JsonObject? old, JsonObject obj, string manager, bool ownershipDone)
    {
        var type = target.Type;
        obj = ApplyStatusRules(target, old, obj);
        SystemMetadata(type, old, obj);
        BuiltinDefaults.Apply(type, obj, old, NextServiceIp);
        ObjectValidator.Validate(type, obj, old);
        if (type.Kind == "CustomResourceDefinition" && type.Group == BuiltinCatalog.ApiExtensionsGroup)
        {
            ValidateCrd(obj);
        }
        if (type.TracksGeneration && old is not null && !JsonUtil.DeepEquals(old.SpecPart(), obj.SpecPart()))
        {
            obj.Meta()["generation"] = old.Generation() + 1;
        }
        if (!ownershipDone)
        {
            new FieldOwnership(type.Schema, type.HasStatus, target.Subresource, type.GroupVersion, Runtime.Now())
                .Update(old, obj, manager);
        }
        return obj;
    }

    private static JsonObject ApplyStatusRules(ObjectTarget target, JsonObject? old, JsonObject obj)
    {
        if (!target.Type.HasStatus)
        {
            return obj;
        }
        if (target.Subresource == "status")
        {
            var result = JsonUtil.CloneObject(old!);
            result.Remove("status");
            if (obj["status"] is { } status)
            {
                result["status"] = status.DeepClone();
            }
            if (obj.At("metadata", "managedFields") is { } fields)
            {
                result.Meta()["managedFields"] = fields.DeepClone();
            }
            return result;
        }
        obj.Remove("status");
        if (old?["status"] is { } oldStatus)
        {
            obj["status"] = oldStatus.DeepClone();
        }
        return obj;
    }

    private void SystemMetadata(ResourceType type, JsonObject? old, JsonObject obj)
    {
        var meta = obj.Meta();
        meta.Remove("selfLink");
        if (old is null)
        {
            meta["uid"] = Runtime.NewUid();
            meta["creationTimestamp"] = Runtime.Now();
            meta.Remove("deletionTimestamp");
            meta.Remove("deletionGracePeriodSeconds");
            meta.Remove("resourceVersion");
            if (type.TracksGeneration)
            {
                meta["generation"] = 1;
            }
            else
            {
                meta.Remove("generation");
            }
            return;
        }
        var oldMeta = old.Meta();
        foreach (var field in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            meta.Remove(field);
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
        }
    }

    private void ValidateCrd(JsonObject crd)
    {
        var crdType = ResourceCatalog.Builtin.FindKind(BuiltinCatalog.ApiExtensionsGroup, "CustomResourceDefinition")!;
        var types = CrdDefinition.ToTypes(crd, crdType);
        var name = crd.Name()!;
        var clash = types.FirstOrDefault(t => _catalog.Find(t.Group, t.Version, t.Plural) is { } existing
            && !(existing.IsCustom && _catalog.Crds.TryGetValue(name, out var own) && own.Contains(existing)));
        if (clash is not null)
        {
            throw ApiException.Invalid(crdType, name, "spec.names.plural",
                $"Invalid value: \"{clash.Plural}\": {clash.QualifiedResource} is already served in {clash.GroupVersion}");
        }
    }
}
