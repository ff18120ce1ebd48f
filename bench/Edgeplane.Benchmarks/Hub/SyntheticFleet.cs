using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// Bundles shaped like an edge site's (a namespace, site config maps, a deployment, a service; ~6 KB of canonical JSON),
/// different for every cluster, with digest and content digest computed the renderer's way (content = without the revision).
/// </summary>
internal static class SyntheticFleet
{
    public static List<CompiledCluster> Build(int clusters, string revision, int generation)
    {
        var result = new CompiledCluster[clusters];
        Parallel.For(0, clusters, i =>
        {
            var name = $"edge-{i:D5}";
            var declared = new DeclaredCluster(name, i < 20 ? "cloud" : i < 200 ? "regional" : "edge", $"region-{i % 10}", $"site-{i:D5}",
                "k3s", "1.31", new Dictionary<string, string> { ["env"] = i % 3 == 0 ? "prod" : "staging", ["tier"] = "edge" }, ["sriov"]);
            result[i] = new CompiledCluster(declared, Bundle(name, revision, generation));
        });
        return [.. result];
    }

    private static CompiledBundle Bundle(string cluster, string revision, int generation)
    {
        var objects = new JsonArray();
        objects.Add(Obj("v1", "Namespace", null, "edge-apps", null));
        for (var c = 0; c < 6; c++)
        {
            objects.Add(Obj("v1", "ConfigMap", "edge-apps", $"site-config-{c}", new JsonObject
            {
                ["site"] = cluster,
                ["generation"] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["settings"] = string.Concat(Enumerable.Repeat($"{cluster}-{c}-value;", 20)),
            }));
        }
        objects.Add(Obj("apps/v1", "Deployment", "edge-apps", "gateway", new JsonObject { ["replicas"] = 2, ["image"] = "registry.example.com/gateway:1.4.2" }));
        objects.Add(Obj("v1", "Service", "edge-apps", "gateway", new JsonObject { ["port"] = 8443 }));
        var content = JsonSerializer.SerializeToUtf8Bytes(Document(cluster, null, objects.DeepClone()));
        var full = JsonSerializer.SerializeToUtf8Bytes(Document(cluster, revision, objects));
        return new CompiledBundle(Digest(full), Digest(content), full, objects.Count);
    }

    /// <summary>A bundle document as the hub reads it (docs/protocol.md); the content form leaves the revision out.</summary>
    private static JsonObject Document(string cluster, string? revision, JsonNode objects)
    {
        var spec = new JsonObject();
        if (revision is not null)
        {
            spec["revision"] = revision;
        }
        spec["objects"] = objects;
        return new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1",
            ["kind"] = "Bundle",
            ["metadata"] = new JsonObject { ["name"] = cluster },
            ["spec"] = spec,
        };
    }

    private static JsonObject Obj(string apiVersion, string kind, string? ns, string name, JsonObject? data)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        if (data is not null)
        {
            obj["data"] = data;
        }
        return obj;
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
