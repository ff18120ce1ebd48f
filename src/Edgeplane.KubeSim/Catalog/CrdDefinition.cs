using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Catalog;

/// <summary>Turns an apiextensions.k8s.io/v1 CustomResourceDefinition into the types it serves, validating it on the way.</summary>
internal static class CrdDefinition
{
    public static ResourceType[] ToTypes(JsonObject crd, ResourceType crdType)
    {
        var name = crd.At("metadata", "name")?.GetValue<string>() ?? string.Empty;
        var spec = crd["spec"] as JsonObject ?? throw Invalid(crdType, name, "spec", "Required value");
        var group = spec.Str("group") ?? throw Invalid(crdType, name, "spec.group", "Required value");
        var names = spec["names"] as JsonObject ?? throw Invalid(crdType, name, "spec.names", "Required value");
        var plural = names.Str("plural") ?? throw Invalid(crdType, name, "spec.names.plural", "Required value");
        var kind = names.Str("kind") ?? throw Invalid(crdType, name, "spec.names.kind", "Required value");
        if (name != $"{plural}.{group}")
        {
            throw Invalid(crdType, name, "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group");
        }
        if (!group.Contains('.', StringComparison.Ordinal))
        {
            throw Invalid(crdType, name, "spec.group", $"Invalid value: \"{group}\": should be a domain with at least one dot");
        }
        var scope = spec.Str("scope") ?? "Namespaced";
        if (scope is not ("Namespaced" or "Cluster"))
        {
            throw Invalid(crdType, name, "spec.scope", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\"");
        }
        var versions = (spec["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            throw Invalid(crdType, name, "spec.versions", "Invalid value: null: must have exactly one version marked as storage version");
        }
        if (versions.Count(v => v.Bool("storage") == true) != 1)
        {
            throw Invalid(crdType, name, "spec.versions", "Invalid value: must have exactly one version marked as storage version");
        }
        return versions.Where(v => v.Bool("served") != false)
            .Select(v => ToType(group, names, scope == "Namespaced", v)).ToArray();
    }

    private static ResourceType ToType(string group, JsonObject names, bool namespaced, JsonObject version) => new()
    {
        Group = group,
        Version = version.Str("name") ?? "v1",
        Kind = names.Str("kind")!,
        Plural = names.Str("plural")!,
        Singular = names.Str("singular") ?? names.Str("kind")!.ToLowerInvariant(),
        Namespaced = namespaced,
        ShortNames = Strings(names["shortNames"]),
        Categories = Strings(names["categories"]),
        HasStatus = version.At("subresources", "status") is JsonObject,
        TracksGeneration = true,
        IsCustom = true,
        Schema = new CrdSchema(version.At("schema", "openAPIV3Schema") as JsonObject),
        PrinterColumns = Columns(version["additionalPrinterColumns"]),
    };

    private static string[] Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>().ToArray() ?? [];

    private static PrinterColumn[] Columns(JsonNode? node) =>
        (node as JsonArray)?.OfType<JsonObject>()
            .Select(c => new PrinterColumn(c.Str("name") ?? "", c.Str("type") ?? "string", c.Str("jsonPath") ?? "",
                (int)(c.Long("priority") ?? 0), c.Str("description") ?? ""))
            .ToArray() ?? [];

    private static ApiException Invalid(ResourceType crdType, string name, string field, string message) =>
        ApiException.Invalid(crdType, name, field, message);
}
