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
    };

    /// <summary>
    /// Body (every part optional): <c>{"throttle":{"requests":N,"retryAfterSeconds":S}, "fail":{"requests":N,"status":500},
    /// "unreachable":true, "neverReadyImages":["img"], "neverReadyNames":["name"]}</c>; image and name rules are added.
    /// </summary>
    private static (int, JsonObject) SetFaults(KubeSimCluster cluster, JsonObject body)
    {
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
        }
        catch (ArgumentOutOfRangeException ex)
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

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.ToString()).OfType<string>() ?? [];
}
