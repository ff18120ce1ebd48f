using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Builds status.conditions the way controllers do: a condition that did not change keeps its timestamps.</summary>
internal sealed class Conditions(JsonNode? existing, string now, bool withUpdateTime = false, long? observedGeneration = null)
{
    private readonly JsonArray _result = [];

    public JsonArray Result => _result;

    /// <param name="at">When the condition took this status, if not now (a simulated step that was due earlier).</param>
    public Conditions Set(string type, string status, string reason, string message, string? at = null)
    {
        var old = (existing as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (old is not null && old.Str("status") == status && old.Str("reason") == reason && old.Str("message") == message
            && (observedGeneration is null || old.Long("observedGeneration") == observedGeneration))
        {
            _result.Add(old.DeepClone());
            return this;
        }
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        if (observedGeneration is { } generation)
        {
            condition["observedGeneration"] = generation;
        }
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = now;
        }
        condition["lastTransitionTime"] = old is not null && old.Str("status") == status ? old.Str("lastTransitionTime") : at ?? now;
        condition["reason"] = reason;
        condition["message"] = message;
        _result.Add(condition);
        return this;
    }
}
