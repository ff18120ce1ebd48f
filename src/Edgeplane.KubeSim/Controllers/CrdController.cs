using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>CustomResourceDefinitions get acceptedNames, storedVersions and NamesAccepted/Established=True after the CRD delay (kinds are served at once).</summary>
internal sealed class CrdController : IKindController
{
    public bool Handles(ResourceType type) => type is { Group: BuiltinCatalog.ApiExtensionsGroup, Kind: "CustomResourceDefinition", IsCustom: false };

    public TimeSpan Delay(KubeSimDelays delays) => delays.CrdEstablished;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        if (!context.DelayElapsed || context.Object.IsDeleting())
        {
            return null;
        }
        context.WriteStatus("kube-apiserver", current =>
        {
            var names = current.At("spec", "names")?.DeepClone() as JsonObject ?? [];
            names["singular"] ??= names.Str("kind")?.ToLowerInvariant();
            names["listKind"] ??= names.Str("kind") + "List";
            var stored = (current.At("spec", "versions") as JsonArray)?.OfType<JsonObject>()
                .Where(v => v.Bool("storage") == true).Select(v => v.Str("name")!) ?? [];
            var old = current["status"] as JsonObject;
            var storedVersions = (old?["storedVersions"] as JsonArray)?.Select(v => v!.ToString()).Union(stored) ?? stored;
            return new JsonObject
            {
                ["conditions"] = new Conditions(old?["conditions"], context.Now)
                    .Set("NamesAccepted", "True", "NoConflicts", "no conflicts found")
                    .Set("Established", "True", "InitialNamesAccepted", "the initial names have been accepted").Result,
                ["acceptedNames"] = names,
                ["storedVersions"] = JsonUtil.Strings(storedVersions.Distinct()),
            };
        });
        return null;
    }
}
