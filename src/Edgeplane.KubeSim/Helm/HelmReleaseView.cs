using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Authorization;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Helm;

/// <summary>
/// What the simulated helm-controller reads from a <c>helm.toolkit.fluxcd.io</c> HelmRelease, with Flux's defaults:
/// the release is named <c>spec.releaseName</c>, else <c>[targetNamespace-]name</c>; it lives in
/// <c>spec.targetNamespace</c>, else the HelmRelease's namespace; it is installed as
/// <c>system:serviceaccount:&lt;HelmRelease namespace&gt;:&lt;spec.serviceAccountName&gt;</c> when that is set, else
/// as the controller itself (cluster-admin, a Flux without <c>--default-service-account</c>).
/// </summary>
internal sealed record HelmReleaseView(string Namespace, string Name, long Generation, string ReleaseName, string ReleaseNamespace,
    string? ServiceAccountName, bool CreateNamespace, bool HasKubeConfig)
{
    public static HelmReleaseView Of(JsonObject release)
    {
        var ns = release.Namespace() ?? string.Empty;
        var name = release.Name() ?? string.Empty;
        var spec = release["spec"];
        var target = spec.Str("targetNamespace") is { Length: > 0 } t ? t : null;
        var releaseName = spec.Str("releaseName") is { Length: > 0 } r ? r : target is null ? name : $"{target}-{name}";
        return new HelmReleaseView(ns, name, release.Generation(), releaseName, target ?? ns,
            spec.Str("serviceAccountName") is { Length: > 0 } account ? account : null,
            spec?["install"].Bool("createNamespace") == true, spec?["kubeConfig"] is JsonObject);
    }

    /// <summary>The identity the release is installed as; null is the controller's own (unrestricted) identity.</summary>
    public RequestUser? User => ServiceAccountName is null ? null : RequestUser.ServiceAccount(Namespace, ServiceAccountName);
}
