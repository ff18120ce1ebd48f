using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Objects;

/// <summary>
/// The identity of a Kubernetes object: API group, kind, namespace (null when cluster-scoped) and name.
/// The API version is deliberately not part of it: the same object served under two versions is one object.
/// </summary>
public readonly record struct ObjectRef(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>The reference of an object from its apiVersion, kind and metadata.</summary>
    /// <exception cref="ObjectFormatException">apiVersion, kind or metadata.name is missing.</exception>
    public static ObjectRef Of(JsonObject obj)
    {
        var apiVersion = ObjectJson.ApiVersion(obj);
        return new ObjectRef(ObjectJson.GroupOf(apiVersion), ObjectJson.Kind(obj), ObjectJson.Namespace(obj), ObjectJson.Name(obj));
    }

    /// <summary>"Kind namespace/name", or "Kind name" when cluster-scoped, as kubectl users read it.</summary>
    public override string ToString()
    {
        var kind = IsBuiltinGroup(Group) ? Kind : $"{Kind}.{Group}";
        return Namespace is null ? $"{kind} {Name}" : $"{kind} {Namespace}/{Name}";
    }

    // Built-in groups are either one word (apps, batch) or end in .k8s.io; others are CRDs and get qualified.
    private static bool IsBuiltinGroup(string group) =>
        !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal);
}
