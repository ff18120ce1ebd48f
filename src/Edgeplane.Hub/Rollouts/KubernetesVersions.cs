namespace Edgeplane.Hub.Rollouts;

/// <summary>Compares a reported Kubernetes server version with a declared one.</summary>
internal static class KubernetesVersions
{
    /// <summary>
    /// True when <paramref name="observed"/> (e.g. <c>v1.31.2+k3s1</c>) is the version <paramref name="declared"/> asks for:
    /// every component the declaration writes (<c>v1.31</c> or <c>1.31.2</c>) is equal. Nothing declared: always true.
    /// </summary>
    public static bool Satisfies(string? observed, string? declared)
    {
        if (string.IsNullOrEmpty(declared))
        {
            return true;
        }
        if (string.IsNullOrEmpty(observed))
        {
            return false;
        }
        var want = Components(declared);
        var have = Components(observed);
        return want.Length <= have.Length && want.Select((c, i) => c == have[i]).All(x => x);
    }

    private static string[] Components(string version)
    {
        var core = version.TrimStart('v', 'V');
        var end = core.IndexOfAny(['+', '-']);
        return (end < 0 ? core : core[..end]).Split('.');
    }
}
