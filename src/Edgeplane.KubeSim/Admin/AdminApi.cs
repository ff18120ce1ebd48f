using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Json;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Admin;

/// <summary>
/// The admin endpoint under <c>/_sim</c> (outside the Kubernetes paths, never subject to faults): list, add and
/// remove clusters, change a cluster's version, and set or clear faults. Answers JSON; errors are
/// <c>{"error": "…"}</c> with 400/404/405/409. See docs/kubesim.md for the routes.
/// </summary>
internal sealed partial class AdminApi(KubeSimServer server)
{
    public const string Prefix = "/_sim";

    /// <summary>Largest admin request body.</summary>
    private const long MaxBody = 64 * 1024;

    public async Task HandleAsync(HttpContext context, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        try
        {
            var (status, body) = (method, parts) switch
            {
                ("GET", ["healthz"]) => (200, new JsonObject { ["status"] = "ok" }),
                ("GET", ["clusters"]) => (200, ListClusters()),
                ("POST", ["clusters"]) => AddCluster(await ReadAsync(context)),
                ("GET", ["clusters", var name]) => (200, Describe(Cluster(name))),
                ("DELETE", ["clusters", var name]) => server.RemoveCluster(name)
                    ? (200, new JsonObject { ["removed"] = name })
                    : throw new AdminException(404, $"cluster \"{name}\" not found"),
                ("PUT", ["clusters", var name, "version"]) => SetVersion(Cluster(name), await ReadAsync(context)),
                ("GET", ["clusters", var name, "faults"]) => (200, Faults(Cluster(name))),
                ("POST", ["clusters", var name, "faults"]) => SetFaults(Cluster(name), await ReadAsync(context)),
                ("DELETE", ["clusters", var name, "faults"]) => ClearFaults(Cluster(name)),
                _ => throw new AdminException(404, $"no admin route {method} {Prefix}{path}"),
            };
            await Responses.WriteAsync(context, status, body);
        }
        catch (AdminException ex)
        {
            await Responses.WriteAsync(context, ex.StatusCode, new JsonObject { ["error"] = ex.Message });
        }
    }

    private KubeSimCluster Cluster(string name) =>
        server.Clusters.TryGetValue(name, out var cluster) ? cluster : throw new AdminException(404, $"cluster \"{name}\" not found");

    private JsonObject ListClusters() => new()
    {
        ["clusters"] = JsonUtil.ToArray(server.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (JsonNode?)Describe(c))),
    };

    private (int, JsonObject) AddCluster(JsonObject body)
    {
        var name = body.Str("name") ?? throw new AdminException(400, "\"name\" is required");
        try
        {
            var cluster = server.AddCluster(name, body.Str("version"), (int?)body.Long("nodes"));
            return (201, Describe(cluster));
        }
        catch (ArgumentException ex)
        {
            throw new AdminException(400, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            throw new AdminException(409, ex.Message);
        }
    }

    private (int, JsonObject) SetVersion(KubeSimCluster cluster, JsonObject body)
    {
        var version = body.Str("gitVersion") ?? throw new AdminException(400, "\"gitVersion\" is required");
        try
        {
            cluster.SetVersion(version);
        }
        catch (FormatException ex)
        {
            throw new AdminException(400, ex.Message);
        }
        return (200, Describe(cluster));
    }

    private JsonObject Describe(KubeSimCluster cluster) => new()
    {
        ["name"] = cluster.Name,
        ["server"] = server.ClusterUri(cluster.Name).ToString(),
        ["version"] = cluster.Version,
        ["objects"] = cluster.ObjectCount,
        ["resourceVersion"] = cluster.ResourceVersion,
        ["watches"] = cluster.WatchCount,
        ["faults"] = Faults(cluster),
    };

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length > MaxBody)
            {
                throw new AdminException(400, $"request body larger than {MaxBody} bytes");
            }
            return buffer.Length == 0 ? [] : JsonUtil.ParseObject(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw new AdminException(400, $"invalid JSON body: {ex.Message}");
        }
    }
}
