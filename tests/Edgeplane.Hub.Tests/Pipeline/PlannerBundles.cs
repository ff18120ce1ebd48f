using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Pipeline;

/// <summary>Compiled clusters with real bundle JSON (so object identities are read the way the hub reads them).</summary>
internal static class PlannerBundles
{
    /// <summary>A cluster whose bundle holds <paramref name="objects"/> (apiVersion, kind, namespace, name).</summary>
    public static CompiledCluster Cluster(string name, string digest, string content, IReadOnlyList<(string ApiVersion, string Kind, string? Namespace, string Name)> objects)
    {
        var array = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
        {
            ["apiVersion"] = o.ApiVersion,
            ["kind"] = o.Kind,
            ["metadata"] = o.Namespace is null ? new JsonObject { ["name"] = o.Name } : new JsonObject { ["name"] = o.Name, ["namespace"] = o.Namespace },
        }).ToArray());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1",
            ["kind"] = "Bundle",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["objects"] = array },
        });
        return new CompiledCluster(new DeclaredCluster(name, "edge", null, null, null, null, new Dictionary<string, string>(), []),
            new CompiledBundle(digest, content, bytes, objects.Count));
    }

    /// <summary><paramref name="count"/> ConfigMaps in namespace <c>apps</c> named <c>{prefix}-0</c>, <c>{prefix}-1</c>, ….</summary>
    public static (string, string, string?, string)[] ConfigMaps(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => ("v1", "ConfigMap", (string?)"apps", $"{prefix}-{i}")).ToArray();

    /// <summary>The stored desired state for <paramref name="clusters"/> (their bundles as the current desired ones).</summary>
    public static Dictionary<string, DesiredCluster> Desired(params CompiledCluster[] clusters) =>
        clusters.ToDictionary(c => c.Declaration.Name,
            c => new DesiredCluster(c.Declaration.Name, c.Bundle.Digest, c.Bundle.ContentDigest, c.Bundle.ObjectCount));

    /// <summary>A review with the identities of <paramref name="before"/>'s bundles, as the store would return them.</summary>
    public static DeletionReview Review(double share, IEnumerable<CompiledCluster> before,
        IReadOnlyDictionary<string, int>? workspacesBefore = null, IReadOnlyDictionary<string, int>? workspacesNow = null) =>
        new(share, before.ToDictionary(c => c.Bundle.Digest, c => ObjectIdentitySet.Of(c.Bundle)), workspacesBefore, workspacesNow);
}
