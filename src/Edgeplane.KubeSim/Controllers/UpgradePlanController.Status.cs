using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class UpgradePlanController
{
    /// <summary>
    /// When the Plan this one's prepare step waits for (<c>prepare &lt;plan&gt;</c>) completed; DateTimeOffset.MinValue
    /// without such a step; null while it has not completed at its own version (<paramref name="waitingFor"/> names it).
    /// </summary>
    private static DateTimeOffset? PrepareDone(ControllerContext context, JsonNode? spec, out string? waitingFor)
    {
        waitingFor = PrepareTarget(spec);
        if (waitingFor is null)
        {
            return DateTimeOffset.MinValue;
        }
        var ns = context.Object.Namespace();
        var other = context.Cluster.Find(context.Type.Key, ns, waitingFor) is { } stored ? JsonUtil.ParseObject(stored.Json) : null;
        var complete = (other?.At("status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => c.Str("type") == "Complete" && c.Str("status") == "True");
        var version = other?.At("spec").Str("version");
        if (complete is null || version is null || other!.At("status").Str("latestVersion") != (version.StartsWith('v') ? version : "v" + version))
        {
            return null;
        }
        return DateTimeOffset.TryParse(complete.Str("lastTransitionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : DateTimeOffset.MinValue;
    }

    /// <summary>The Plan named by <c>spec.prepare.args: [prepare, NAME]</c>, the k3s/RKE2 upgrade image's wait for another Plan.</summary>
    private static string? PrepareTarget(JsonNode? spec) =>
        spec?["prepare"]?["args"] is JsonArray { Count: 2 } args && args[0] is JsonValue verb && verb.ToString() == "prepare" && args[1] is JsonValue name
            ? name.ToString() : null;

    /// <summary>A Plan that just completed wakes the Plans of its namespace whose prepare step waits for it.</summary>
    private static void RequeueWaiting(ControllerContext context)
    {
        var ns = context.Object.Namespace();
        var name = context.Object.Name();
        foreach (var stored in context.Cluster.ListAll(context.Type.Key, ns))
        {
            if (stored.Name != name && PrepareTarget(JsonUtil.ParseObject(stored.Json)["spec"]) == name)
            {
                context.Requeue(ns, stored.Name);
            }
        }
    }

    private static JsonObject Failed(JsonObject plan, string problem, string now) => new()
    {
        ["conditions"] = new Conditions(plan.At("status", "conditions"), now).Set("LatestResolved", "False", "Error", problem).Result,
    };

    /// <summary>Resolved at <paramref name="version"/>; Complete True (done) or False (Applying) with <paramref name="message"/>.</summary>
    private static JsonObject Status(JsonObject plan, string version, List<string> applying, bool complete, string message, string now)
    {
        var conditions = new Conditions(plan.At("status", "conditions"), now)
            .Set("LatestResolved", "True", "Version", string.Empty)
            .Set("Complete", complete ? "True" : "False", complete ? "PlanComplete" : "Applying", message);
        var status = new JsonObject
        {
            ["latestVersion"] = version,
            ["latestHash"] = WorkloadNames.TemplateHash(JsonValue.Create(version)),
            ["conditions"] = conditions.Result,
        };
        if (applying.Count > 0)
        {
            status["applying"] = JsonUtil.Strings(applying);
        }
        return status;
    }
}
