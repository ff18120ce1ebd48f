using Edgeplane.Hub.Store;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Validation;

namespace Edgeplane.Hub.Pipeline;

internal static partial class RevisionPlanner
{
    /// <summary>
    /// The version changes Kubernetes' skew policy forbids (<see cref="KubernetesSkew.Check"/>): each cluster's new
    /// declared version against the version the hub stored for it, and against the version its target still carries
    /// while an active rollout has not judged it. Clusters refused for the same reason at the same line make one error
    /// (at that line, naming up to <see cref="MaxNamesInReason"/> of them), so a layer-wide mistake does not make ten
    /// thousand. Sorted by file and line. Empty when every change is allowed; a refusal fails the whole revision.
    /// </summary>
    public static IReadOnlyList<Diagnostic> SkewRefusals(IReadOnlyList<CompiledCluster> compiled, IReadOnlyDictionary<string, DesiredCluster> desired)
    {
        var refused = new Dictionary<(SourceLocation At, string Why), List<string>>();
        foreach (var cluster in compiled)
        {
            var declared = cluster.Declaration;
            if (declared.KubernetesVersion is not { } next || !desired.TryGetValue(declared.Name, out var current))
            {
                continue; // a new cluster starts at whatever version it declares
            }
            var why = Refusal(current.KubernetesVersion, next, declared.AllowKubernetesDowngrade, null)
                ?? Refusal(current.UnjudgedFromKubernetesVersion, next, declared.AllowKubernetesDowngrade,
                    "its target still carries it: an active rollout has not judged the cluster yet");
            if (why is null)
            {
                continue;
            }
            var origin = declared.KubernetesVersionOrigin;
            var key = (origin?.At ?? SourceLocation.FileOnly(""), origin is { Own: false } ? $"{why} (the version is set by {origin.Where})" : why);
            (refused.TryGetValue(key, out var names) ? names : refused[key] = []).Add(declared.Name);
        }
        return refused
            .OrderBy(r => r.Key.At.File, StringComparer.Ordinal).ThenBy(r => r.Key.At.Line).ThenBy(r => r.Key.Why, StringComparer.Ordinal)
            .Select(r =>
            {
                r.Value.Sort(StringComparer.Ordinal);
                var who = r.Value.Count == 1 ? $"Cluster \"{r.Value[0]}\"" : $"{r.Value.Count} clusters ({Names(r.Value)})";
                return new Diagnostic(r.Key.At, $"{who}: {r.Key.Why}", "KubernetesVersionSkew");
            })
            .ToList();
    }

    private static string? Refusal(string? from, string next, bool allowDowngrade, string? note) =>
        from is null || from == next || KubernetesSkew.Check(from, next, allowDowngrade) is not { } why
            ? null
            : note is null ? why : $"{why} ({from}: {note})";
}
