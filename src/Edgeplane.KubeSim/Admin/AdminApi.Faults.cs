using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Admin;

internal sealed partial class AdminApi
{
    private static JsonObject Faults(KubeSimCluster cluster) => new()
    {
        ["unreachable"] = cluster.Faults.Unreachable,
        ["pendingThrottles"] = cluster.Faults.PendingThrottles,
        ["pendingErrors"] = cluster.Faults.PendingErrors,
        ["neverReadyImages"] = JsonUtil.Strings(cluster.Faults.NeverReadyImages.Order(StringComparer.Ordinal)),
        ["neverReadyNames"] = JsonUtil.Strings(cluster.Faults.NeverReadyNames.Order(StringComparer.Ordinal)),
        ["provisioningFails"] = JsonUtil.ToArray(cluster.Faults.ProvisioningFailures.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (JsonNode?)new JsonObject { ["cluster"] = r.Key, ["message"] = r.Value })),
        ["controlPlaneNeverReady"] = JsonUtil.Strings(cluster.Faults.NeverReadyControlPlanes.Order(StringComparer.Ordinal)),
    };

    /// <summary>
    /// Body (every part optional): <c>{"throttle":{"requests":N,"retryAfterSeconds":S}, "fail":{"requests":N,"status":500},
    /// "unreachable":true, "neverReadyImages":["img"], "neverReadyNames":["name"], "provisioningFails":["c1" or
    /// {"cluster":"c1","message":"…"}], "controlPlaneNeverReady":["c1"]}</c>; image, name and Cluster API rules are added.
    /// </summary>
    private static (int, JsonObject) SetFaults(KubeSimCluster cluster, JsonObject body)
    {
        var failures = ProvisioningFailures(body["provisioningFails"]); // a malformed entry changes nothing
        try
        {
            if (body["throttle"] is JsonObject throttle)
            {
                cluster.Faults.ThrottleNext((int)(throttle.Long("requests") ?? 1), (int)(throttle.Long("retryAfterSeconds") ?? 1));
            }
            if (body["fail"] is JsonObject fail)
            {
                cluster.Faults.FailNext((int)(fail.Long("requests") ?? 1), (int)(fail.Long("status") ?? 500));
            }
            if (body.Bool("unreachable") is { } unreachable)
            {
                cluster.Faults.Unreachable = unreachable;
            }
            foreach (var image in Strings(body["neverReadyImages"]))
            {
                cluster.Faults.NeverReadyImage(image);
            }
            foreach (var name in Strings(body["neverReadyNames"]))
            {
                cluster.Faults.NeverReadyName(name);
            }
            foreach (var (name, message) in failures)
            {
                cluster.Faults.FailProvisioning(name, message);
            }
            foreach (var name in Strings(body["controlPlaneNeverReady"]))
            {
                cluster.Faults.NeverReadyControlPlane(name);
            }
        }
        catch (ArgumentException ex)
        {
            throw new AdminException(400, ex.Message);
        }
        return (200, Faults(cluster));
    }

    private static (int, JsonObject) ClearFaults(KubeSimCluster cluster)
    {
        cluster.Faults.Clear();
        return (200, Faults(cluster));
    }

    /// <summary>Entries of <c>provisioningFails</c>: a Cluster name, or <c>{"cluster": name, "message": text}</c>.</summary>
    private static List<(string Name, string? Message)> ProvisioningFailures(JsonNode? node) =>
        (node as JsonArray ?? []).Select(entry => entry switch
        {
            JsonValue value when value.TryGetValue<string>(out var name) => (name, (string?)null),
            JsonObject rule when rule.Str("cluster") is { } name => (name, rule.Str("message")),
            _ => throw new AdminException(400, $"provisioningFails entries are a Cluster name or {{\"cluster\":…,\"message\":…}}, not {entry?.ToJsonString() ?? "null"}"),
        }).ToList();

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.ToString()).OfType<string>() ?? [];
}
