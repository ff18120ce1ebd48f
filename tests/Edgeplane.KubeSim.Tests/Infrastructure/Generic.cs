using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>Any kind through the client's CustomObjects API (group "" is the core group), with JSON trees in and out.</summary>
public static class Generic
{
    public static JsonObject Node(object result) => JsonNode.Parse(JsonSerializer.Serialize(result))!.AsObject();

    public static async Task<JsonObject> ApplyAsync(this Kubernetes client, string group, string version, string plural,
        string ns, JsonObject body, string manager, bool force = false, string? dryRun = null) =>
        Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            group, version, ns, plural, body["metadata"]!["name"]!.GetValue<string>(), dryRun: dryRun, fieldManager: manager, force: force));

    public static async Task<JsonObject> PatchAsync(this Kubernetes client, string group, string version, string plural,
        string ns, string name, string patch, V1Patch.PatchType type, string? dryRun = null) =>
        Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, type), group, version, ns, plural, name, dryRun: dryRun));

    public static async Task<JsonObject> GetAsync(this Kubernetes client, string group, string version, string plural, string ns, string name) =>
        Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, name));

    public static async Task<JsonObject> GetClusterAsync(this Kubernetes client, string group, string version, string plural, string name) =>
        Node(await client.CustomObjects.GetClusterCustomObjectAsync(group, version, plural, name));

    public static async Task<JsonObject> CreateAsync(this Kubernetes client, string group, string version, string plural, string ns, JsonObject body) =>
        Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, group, version, ns, plural));

    public static async Task<JsonObject> CreateClusterAsync(this Kubernetes client, string group, string version, string plural, JsonObject body) =>
        Node(await client.CustomObjects.CreateClusterCustomObjectAsync(body, group, version, plural));

    public static JsonObject ConfigMap(string name, params (string Key, string Value)[] data)
    {
        var values = new JsonObject();
        foreach (var (key, value) in data)
        {
            values[key] = value;
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["data"] = values,
        };
    }

    public static List<string> Managers(JsonObject obj) =>
        (obj["metadata"]!["managedFields"] as JsonArray ?? []).Select(e => $"{e!["manager"]}/{e["operation"]}").ToList();

    public static JsonObject? FieldsOf(JsonObject obj, string manager, string operation) =>
        (obj["metadata"]!["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(e => e["manager"]!.GetValue<string>() == manager && e["operation"]!.GetValue<string>() == operation)?["fieldsV1"]?.AsObject();
}
