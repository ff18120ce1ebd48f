using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>A RoleBinding (<see cref="Namespace"/> set) or ClusterRoleBinding: the role it grants and to whom.</summary>
internal sealed record RbacBinding(string? Namespace, string Name, RoleRef Role, IReadOnlyList<RbacSubject> Subjects)
{
    public static RbacBinding Parse(JsonObject obj) => new(
        obj.Namespace(), obj.Name() ?? string.Empty, RoleRef.Parse(obj["roleRef"]),
        (obj["subjects"] as JsonArray)?.OfType<JsonObject>().Select(RbacSubject.Parse).ToList() ?? []);

    /// <summary>
    /// Upstream's <c>appliesTo</c>: a User subject by name, a Group by membership, a ServiceAccount by its user name
    /// <c>system:serviceaccount:NS:NAME</c>, NS defaulting to a RoleBinding's own namespace.
    /// </summary>
    public bool AppliesTo(RequestUser user) => Subjects.Any(s => s.Kind switch
    {
        "User" => s.Name == user.Name,
        "Group" => user.Groups.Contains(s.Name, StringComparer.Ordinal),
        "ServiceAccount" => (string.IsNullOrEmpty(s.Namespace) ? Namespace : s.Namespace) is { Length: > 0 } ns
            && user.Name == $"{RequestUser.ServiceAccountPrefix}{ns}:{s.Name}",
        _ => false,
    });
}

/// <summary>One subject of a binding: kind User, Group or ServiceAccount.</summary>
internal sealed record RbacSubject(string Kind, string Name, string? Namespace)
{
    public static RbacSubject Parse(JsonObject node) => new(node.Str("kind") ?? string.Empty, node.Str("name") ?? string.Empty, node.Str("namespace"));
}

/// <summary>A binding's <c>roleRef</c>: a Role of the binding's namespace or a ClusterRole.</summary>
internal sealed record RoleRef(string ApiGroup, string Kind, string Name)
{
    public static RoleRef Parse(JsonNode? node) =>
        new(node.Str("apiGroup") ?? string.Empty, node.Str("kind") ?? string.Empty, node.Str("name") ?? string.Empty);
}
