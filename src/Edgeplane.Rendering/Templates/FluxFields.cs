using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// The fields of a Flux <c>HelmRelease</c> or <c>Kustomization</c> that decide as whom and where Flux acts on it
/// (read when the object is compiled, as written): the account it impersonates, the namespaces it installs into and
/// keeps Helm's storage in, a kubeconfig for another API server, and whether Helm may create the namespace.
/// <see cref="Templated"/> lists those written with a <c>${…}</c> reference, whose value is only known per cluster.
/// </summary>
internal sealed record FluxFields(string? ServiceAccountName, string? TargetNamespace, string? StorageNamespace, bool HasKubeConfig,
    bool CreatesNamespace, IReadOnlyList<string> Templated)
{
    public const string HelmGroup = "helm.toolkit.fluxcd.io";
    public const string KustomizeGroup = "kustomize.toolkit.fluxcd.io";

    /// <summary>The fields of a HelmRelease or Kustomization, or null for any other kind.</summary>
    public static FluxFields? Read(string group, string kind, JsonObject obj)
    {
        if (!((group, kind) is (HelmGroup, "HelmRelease") or (KustomizeGroup, "Kustomization")))
        {
            return null;
        }
        var spec = obj["spec"] as JsonObject;
        var templated = new List<string>();
        string? Field(JsonNode? node, string path)
        {
            var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (text is not null && StringTemplate.Parse(text, out _, out _) is not null)
            {
                templated.Add(path);
            }
            return text;
        }
        var createNamespace = (spec?["install"] as JsonObject)?["createNamespace"];
        Field(createNamespace, "spec.install.createNamespace");
        return new FluxFields(
            Field(spec?["serviceAccountName"], "spec.serviceAccountName"),
            Field(spec?["targetNamespace"], "spec.targetNamespace"),
            Field(spec?["storageNamespace"], "spec.storageNamespace"),
            spec?["kubeConfig"] is not null,
            createNamespace is JsonValue c && c.GetValueKind() is JsonValueKind.True or JsonValueKind.String,
            templated);
    }
}
