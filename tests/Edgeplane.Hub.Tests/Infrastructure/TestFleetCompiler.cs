using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>
/// A small, honest compiler for hub tests that need no fleet model: every <c>kind: Cluster</c> document of
/// <c>edgeplane.dev/…</c> declares a cluster (<c>spec.layer</c> required; <c>spec.provisioning</c> with
/// <c>template</c>, <c>managementCluster</c> and <c>namespace</c> when Cluster API makes it); every other document is an
/// object of every cluster, or only of cluster X when
/// it lives under <c>clusters/X/</c>. Bundles are real: bundle documents (docs/rendering.md) that Protocol's parser reads,
/// sha256 digests, a content digest without the source-revision annotation. YAML errors come from the real loader with file:line:col.
/// </summary>
internal sealed class TestFleetCompiler : IRevisionCompiler
{
    public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken)
    {
        var fs = new RepoFileSystem(checkoutDirectory);
        var bag = new DiagnosticBag();
        var documents = new List<YamlDocument>();
        foreach (var file in fs.EnumerateYamlFiles())
        {
            var loaded = YamlLoader.Load(file, fs.ReadText(file));
            bag.AddRange(loaded.Diagnostics);
            documents.AddRange(loaded.Documents);
        }
        var clusters = documents.Where(IsDeclaration).Select(d => Declare(d, bag)).OfType<DeclaredCluster>().ToList();
        if (bag.HasErrors)
        {
            return Task.FromResult(CompileResult.Failed(bag.Sorted()));
        }
        var objects = documents.Where(d => !IsDeclaration(d)).ToList();
        var compiled = clusters.Select(c => new CompiledCluster(c, Bundle(c.Name, revision, objects.Where(o => Targets(o, c.Name)).ToList()))).ToList();
        return Task.FromResult(new CompileResult(compiled, []));
    }

    private static DeclaredCluster? Declare(YamlDocument document, DiagnosticBag bag)
    {
        var root = document.Root.AsObject();
        var name = (string?)root["metadata"]?["name"];
        var spec = root["spec"] as JsonObject;
        var layer = (string?)spec?["layer"];
        if (name is null || layer is null)
        {
            bag.Add(document.Location, "Required", $"Cluster '{name}': {(name is null ? "metadata.name" : "spec.layer")} is required");
            return null;
        }
        var labels = (root["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
        var capabilities = (spec!["capabilities"] as JsonArray)?.Select(c => (string)c!).ToList() ?? [];
        return new DeclaredCluster(name, layer, (string?)spec["region"], (string?)spec["site"], (string?)spec["provider"],
            (string?)spec["kubernetesVersion"], labels, capabilities)
        {
            Provisioning = spec["provisioning"] is JsonObject p
                ? new Edgeplane.Rendering.ClusterProvisioning((string)p["template"]!, (string)p["managementCluster"]!, (string)p["namespace"]!)
                : null,
        };
    }

    /// <summary>A fleet Cluster (apiVersion edgeplane.dev/…), not a Cluster API Cluster object of a management cluster's bundle.</summary>
    private static bool IsDeclaration(YamlDocument document) =>
        (string?)document.Root["kind"] == "Cluster" && ((string?)document.Root["apiVersion"])?.StartsWith("edgeplane.dev/", StringComparison.Ordinal) == true;

    private static bool Targets(YamlDocument document, string cluster) =>
        !document.File.StartsWith("clusters/", StringComparison.Ordinal) || document.File.StartsWith($"clusters/{cluster}/", StringComparison.Ordinal);

    private static CompiledBundle Bundle(string cluster, string revision, List<YamlDocument> documents)
    {
        var stamped = new JsonArray(documents.Select(d => (JsonNode)Stamp(d.Root.DeepClone().AsObject(), revision)).ToArray());
        var content = new JsonArray(documents.Select(d => (JsonNode)d.Root.DeepClone()).ToArray());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1",
            ["kind"] = "Bundle",
            ["metadata"] = new JsonObject { ["name"] = cluster },
            ["spec"] = new JsonObject { ["objects"] = stamped, ["revision"] = revision },
        });
        var contentBytes = JsonSerializer.SerializeToUtf8Bytes(content);
        return new CompiledBundle(Digest(bytes), Digest(contentBytes), bytes, documents.Count);
    }

    private static JsonObject Stamp(JsonObject obj, string revision)
    {
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations["edgeplane.dev/source-revision"] = revision;
        return obj;
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
