using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// A Cluster API object reference as a Cluster's <c>controlPlaneRef</c>/<c>infrastructureRef</c> writes it: v1beta2
/// <c>{apiGroup, kind, name}</c> or v1beta1 <c>{apiVersion, kind, name}</c>. The version is never needed: objects are
/// found by group and kind in whatever version they are served.
/// </summary>
internal sealed record ClusterApiRef(string Group, string Kind, string Name)
{
    /// <summary>The reference at <paramref name="node"/>, or null when it is missing or lacks a kind or name.</summary>
    public static ClusterApiRef? Parse(JsonNode? node)
    {
        if (node.Str("kind") is not { Length: > 0 } kind || node.Str("name") is not { Length: > 0 } name)
        {
            return null;
        }
        var group = node.Str("apiGroup") ?? GroupOf(node.Str("apiVersion"));
        return new ClusterApiRef(group, kind, name);
    }

    /// <summary>The group of an apiVersion: <c>g/v</c> → <c>g</c>; the core <c>v1</c> → empty.</summary>
    public static string GroupOf(string? apiVersion) =>
        apiVersion is null ? string.Empty : apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    /// <summary>Whether this reference names the object <paramref name="name"/> of <paramref name="type"/>.</summary>
    public bool Names(ResourceType type, string name) => Name == name && Kind == type.Kind && Group == type.Group;

    /// <summary>How messages name the object, e.g. <c>KubeadmControlPlane "c1-control-plane"</c>.</summary>
    public override string ToString() => $"{Kind} \"{Name}\"";
}
