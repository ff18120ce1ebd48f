using System.Text.Json.Nodes;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// How a bundle diff (<c>edgeplane diff</c>, the hub's revision diff) names and matches a bundle's objects. The id shown is
/// <c>apiVersion/Kind/namespace/name</c> (<c>apps/v1/Deployment/istio-system/istiod</c>; cluster-scoped:
/// <c>v1/Namespace/istio-system</c>). Objects are matched by API group, kind, namespace and name, without the version,
/// as the apply engine identifies them: an object whose apiVersion moved from <c>v1beta1</c> to <c>v1</c> is one
/// changed object.
/// </summary>
public static class ObjectIdentity
{
    /// <summary>The id shown for <paramref name="obj"/> (a bundle object: apiVersion, kind and metadata.name are strings).</summary>
    public static string Id(JsonObject obj)
    {
        var (apiVersion, kind, ns, name) = Parts(obj);
        return ns is null ? $"{apiVersion}/{kind}/{name}" : $"{apiVersion}/{kind}/{ns}/{name}";
    }

    /// <summary>The key objects are matched by: group, kind, namespace and name.</summary>
    public static string Key(JsonObject obj)
    {
        var (apiVersion, kind, ns, name) = Parts(obj);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        return $"{group}\n{kind}\n{ns}\n{name}";
    }

    private static (string ApiVersion, string Kind, string? Namespace, string Name) Parts(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        return (Text(obj["apiVersion"]) ?? "", Text(obj["kind"]) ?? "", Text(metadata?["namespace"]), Text(metadata?["name"]) ?? "");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
}
