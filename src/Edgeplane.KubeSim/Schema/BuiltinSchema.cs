using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Schema;

/// <summary>
/// Schema knowledge for built-in kinds: the known top-level fields (checked by fieldValidation and pruned like the
/// real decoder drops them) and the merge keys of the lists our clients touch. Nested fields are not validated.
/// </summary>
internal sealed class BuiltinSchema(IReadOnlyCollection<string> topLevelFields) : ResourceSchema
{
    private static readonly HashSet<string> ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private readonly HashSet<string> _fields = ["apiVersion", "kind", "metadata", .. topLevelFields];

    protected override ListSemantics ListAtCore(IReadOnlyList<string> path)
    {
        var last = path[^1];
        return last switch
        {
            _ when ContainerLists.Contains(last) => ListSemantics.MapBy("name"),
            "env" or "volumes" or "imagePullSecrets" or "resourceClaims" or "schedulingGates" or "webhooks" =>
                ListSemantics.MapBy("name"),
            "volumeMounts" => ListSemantics.MapBy("mountPath"),
            "volumeDevices" => ListSemantics.MapBy("devicePath"),
            "hostAliases" => ListSemantics.MapBy("ip"),
            "conditions" => ListSemantics.MapBy("type"),
            "topologySpreadConstraints" => ListSemantics.MapBy("topologyKey", "topologyKey", "whenUnsatisfiable"),
            "ports" when path.Count >= 2 && ContainerLists.Contains(path[^2]) =>
                ListSemantics.MapBy("containerPort", "containerPort", "protocol"),
            "ports" when path.Count == 2 && path[0] == "spec" => ListSemantics.MapBy("port", "port", "protocol"),
            _ => ListSemantics.Atomic,
        };
    }

    protected override void FindUnknownCore(JsonObject obj, List<string> unknown, bool prune)
    {
        foreach (var name in obj.Select(p => p.Key).Where(k => !_fields.Contains(k)).ToList())
        {
            unknown.Add(name);
            if (prune)
            {
                obj.Remove(name);
            }
        }
    }
}
