using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.OpenApi;

/// <summary>
/// OpenAPI v3 as kubectl needs it to apply with default flags: an index of group versions, and per group version
/// a document whose paths carry, for every kind, a <c>patch</c> operation tagged with
/// <c>x-kubernetes-group-version-kind</c> and the <c>fieldValidation</c> parameter (kubectl then leaves field
/// validation to the server). CRD kinds carry their openAPIV3Schema; built-in kinds carry no component schemas,
/// so <c>kubectl explain</c> has nothing to show.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in catalog.GroupVersions)
        {
            var prefix = groupVersion.Contains('/', StringComparison.Ordinal) ? "apis/" : "api/";
            var hash = Hash(Document(catalog, groupVersion)!);
            paths[prefix + groupVersion] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{prefix}{groupVersion}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? Document(ResourceCatalog catalog, string groupVersion)
    {
        var types = catalog.InGroupVersion(groupVersion).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in types)
        {
            paths[ItemPath(type)] = new JsonObject { ["patch"] = PatchOperation(type) };
            if (type.IsCustom && type.Schema is Schema.CrdSchema { Root: { } root })
            {
                var schema = (JsonObject)root.DeepClone();
                schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
                schemas[SchemaName(type)] = schema;
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string ItemPath(ResourceType type)
    {
        var root = type.Group.Length == 0 ? "/api/v1" : $"/apis/{type.Group}/{type.Version}";
        return type.Namespaced
            ? $"{root}/namespaces/{{namespace}}/{type.Plural}/{{name}}"
            : $"{root}/{type.Plural}/{{name}}";
    }

    private static JsonObject PatchOperation(ResourceType type)
    {
        var parameters = new JsonArray();
        foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }
        return new JsonObject
        {
            ["operationId"] = $"patch{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = Gvk(type),
        };
    }

    private static JsonObject Gvk(ResourceType type) =>
        new() { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };

    private static string SchemaName(ResourceType type)
    {
        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return $"{reversed}.{type.Version}.{type.Kind}";
    }

    private static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];
}
