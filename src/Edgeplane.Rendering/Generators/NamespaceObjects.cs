using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

/// <summary>Namespaces Edgeplane creates itself: a workspace's owned namespaces, a cluster template's namespace.</summary>
internal static class NamespaceObjects
{
    /// <summary>The Pod Security Admission label that sets the standard enforced on a namespace's pods.</summary>
    public const string PodSecurityEnforceLabel = "pod-security.kubernetes.io/enforce";

    /// <summary>A namespace; a workspace's is labelled with the workspace and the Pod Security Standard enforced on it.</summary>
    public static JsonObject Namespace(string name, string? workspace, PodSecurityLevel podSecurity = PodSecurityLevel.Baseline)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (workspace is not null)
        {
            metadata["labels"] = new JsonObject
            {
                ["edgeplane.dev/workspace"] = workspace,
                [PodSecurityEnforceLabel] = podSecurity.ToString().ToLowerInvariant(),
            };
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = metadata };
    }
}
