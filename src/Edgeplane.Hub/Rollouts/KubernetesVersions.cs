using ModelVersions = Edgeplane.Model.Validation.KubernetesVersions;

namespace Edgeplane.Hub.Rollouts;

/// <summary>Compares a reported Kubernetes server version with a declared one.</summary>
internal static class KubernetesVersions
{
    /// <summary>
    /// True when <paramref name="observed"/> (e.g. <c>v1.31.2+k3s1</c>) is the version <paramref name="declared"/> asks for:
    /// every component the declaration writes (<c>v1.31</c> or <c>1.31.2</c>) is equal; suffixes are not compared.
    /// Nothing declared: always true. Either side not a Kubernetes version (as Model reads them): only an exact match.
    /// </summary>
    public static bool Satisfies(string? observed, string? declared)
    {
        if (string.IsNullOrEmpty(declared))
        {
            return true;
        }
        if (!ModelVersions.TryParse(declared, out var want) || !ModelVersions.TryParse(observed, out var have))
        {
            return observed == declared;
        }
        return want.Minor == have.Minor && (want.Patch is null || want.Patch == have.Patch);
    }
}
