using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// A resource of a ClusterResourceSet: a ConfigMap, or a Secret of type <c>addons.cluster.x-k8s.io/resource-set</c>, of
/// the set's own namespace. Every data key holds one or more YAML or JSON documents (a JSON list counts as its items);
/// <paramref name="Hash"/> is Cluster API's: sha256 over the values in key order (Secrets decoded).
/// </summary>
internal sealed record ClusterApiCarrier(string Kind, string Name, string Hash, IReadOnlyList<JsonObject> Objects)
{
    /// <summary>The only Secret type a ClusterResourceSet applies.</summary>
    public const string SecretType = "addons.cluster.x-k8s.io/resource-set";

    /// <summary>Largest payload of one carrier, the size bound of a Secret.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Most objects one carrier may hold.</summary>
    public const int MaxObjects = 500;

    /// <summary>The carrier, or null when it does not exist.</summary>
    /// <exception cref="ClusterApiResourceSetException">An unsupported kind or Secret type, or a payload that is too big or not objects.</exception>
    public static ClusterApiCarrier? Load(VirtualCluster cluster, string? ns, string kind, string name)
    {
        if (kind is not ("ConfigMap" or "Secret"))
        {
            throw new ClusterApiResourceSetException("InternalError", $"resource {kind} \"{name}\": a ClusterResourceSet applies ConfigMaps and Secrets only");
        }
        var type = ResourceCatalog.Builtin.FindKind("", kind)!;
        if (cluster.Find(type.Key, ns, name) is not { } stored)
        {
            return null;
        }
        var carrier = JsonUtil.ParseObject(stored.Json);
        if (kind == "Secret" && carrier.Str("type") is var secretType && secretType != SecretType)
        {
            throw new ClusterApiResourceSetException("WrongSecretType",
                $"Secret type of resource {name} is not supported: it is \"{secretType}\"; only Secrets of type {SecretType} are applied");
        }
        var values = Values(carrier, kind, name);
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(values.Select(v => v.Value)))));
        return new ClusterApiCarrier(kind, name, hash, Parse(values, kind, name));
    }

    public override string ToString() => $"{Kind} \"{Name}\"";

    /// <summary>The data values in key order, Secrets decoded, within <see cref="MaxBytes"/>.</summary>
    private static List<(string Key, string Value)> Values(JsonObject carrier, string kind, string name)
    {
        var values = new List<(string Key, string Value)>();
        var total = 0L;
        foreach (var (key, node) in (carrier["data"] as JsonObject ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var text = node?.ToString() ?? string.Empty;
            if (kind == "Secret")
            {
                try
                {
                    text = Encoding.UTF8.GetString(Convert.FromBase64String(text));
                }
                catch (FormatException)
                {
                    throw new ClusterApiResourceSetException("NotApplied", $"{kind} \"{name}\": data key \"{key}\" is not base64");
                }
            }
            total += Encoding.UTF8.GetByteCount(text);
            if (total > MaxBytes)
            {
                throw new ClusterApiResourceSetException("NotApplied", $"{kind} \"{name}\": the payload is larger than the limit of {MaxBytes} bytes");
            }
            values.Add((key, text));
        }
        return values;
    }

    /// <summary>The objects of every value, Namespaces and CRDs first (what the others may need), the rest in order.</summary>
    private static List<JsonObject> Parse(List<(string Key, string Value)> values, string kind, string name)
    {
        var objects = new List<JsonObject>();
        foreach (var (key, value) in values)
        {
            List<JsonNode> documents;
            try
            {
                documents = YamlJson.ParseAll(value, MaxObjects - objects.Count);
            }
            catch (FormatException ex)
            {
                throw new ClusterApiResourceSetException("NotApplied", $"{kind} \"{name}\": data key \"{key}\": {ex.Message}");
            }
            foreach (var item in documents.SelectMany(d => d is JsonArray list ? list.AsEnumerable() : [d]))
            {
                objects.Add(item as JsonObject
                    ?? throw new ClusterApiResourceSetException("NotApplied", $"{kind} \"{name}\": data key \"{key}\" holds {item?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}, not an object"));
            }
            if (objects.Count > MaxObjects)
            {
                throw new ClusterApiResourceSetException("NotApplied", $"{kind} \"{name}\": more than the limit of {MaxObjects} objects");
            }
        }
        return objects.OrderBy(o => o.Str("kind") switch { "Namespace" => 0, "CustomResourceDefinition" => 1, _ => 2 }).ToList();
    }
}
