using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Generators;

/// <summary>Namespaces Edgeplane creates itself: a workspace's owned namespaces, a cluster template's namespace.</summary>
internal static class NamespaceObjects
{
    public static JsonObject Namespace(string name, string? workspace)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (workspace is not null)
        {
            metadata["labels"] = new JsonObject { ["edgeplane.dev/workspace"] = workspace };
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = metadata };
    }
}
