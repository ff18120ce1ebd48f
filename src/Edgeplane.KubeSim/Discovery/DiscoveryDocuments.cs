using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Discovery;

/// <summary>The legacy (non-aggregated) discovery documents: /api, /apis, /apis/{group} and each group version's APIResourceList.</summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = JsonUtil.Strings(["v1"]),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = JsonUtil.ToArray(catalog.Groups.Select(g => (JsonNode?)Group(g))),
    };

    public static JsonObject? Group(ResourceCatalog catalog, string name) =>
        catalog.Groups.FirstOrDefault(g => g.Name == name) is { } group ? Group(group) : null;

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var groupVersion = group.Length == 0 ? version : $"{group}/{version}";
        var types = catalog.InGroupVersion(groupVersion).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(Resource(type));
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = JsonUtil.Strings(SubresourceVerbs),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["name"] = type.Plural,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = JsonUtil.Strings(ResourceType.Verbs),
        };
        if (type.ShortNames.Length > 0)
        {
            resource["shortNames"] = JsonUtil.Strings(type.ShortNames);
        }
        if (type.Categories.Length > 0)
        {
            resource["categories"] = JsonUtil.Strings(type.Categories);
        }
        return resource;
    }

    private static JsonObject Group(ApiGroupInfo group)
    {
        var ordered = VersionPriority.Order(group.Versions).ToList();
        JsonObject Entry(string v) => new() { ["groupVersion"] = $"{group.Name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group.Name,
            ["versions"] = JsonUtil.ToArray(ordered.Select(v => (JsonNode?)Entry(v))),
            ["preferredVersion"] = Entry(ordered[0]),
        };
    }
}
