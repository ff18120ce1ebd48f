using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>The text of a scalar as YAML tools (kyaml, evanphx/json-patch) compare it; kustomize's transformers use it too.</summary>
public static class ScalarText
{
    /// <summary>Strings as is, numbers and booleans as written; null for JSON null, maps and lists.</summary>
    public static string? Of(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
