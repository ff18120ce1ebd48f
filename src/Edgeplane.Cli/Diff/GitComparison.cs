using Edgeplane.Model.Sources;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// <c>--against REV</c>: renders the fleet directory as it was at REV (<see cref="GitBase"/>) and compares every
/// cluster's bundle with the working tree's, on every core; the clusters' Kubernetes versions at REV come along. Clusters whose content digests are equal are skipped unparsed.
/// </summary>
internal static class GitComparison
{
    public static (string Base, List<ClusterDiff> Clusters, IReadOnlyDictionary<string, string> Versions) Compare(RenderedFleet current, string fleetDirectory, string revision,
        LoadLimits limits, BundleComparer comparer, TextWriter error)
    {
        using var based = GitBase.Export(fleetDirectory, revision, limits);
        var shownAs = based.RelativePath == "." ? $"{revision}:" : $"{revision}:{based.RelativePath}/";
        var rendered = based.Exists ? RenderedFleet.Render(based.Directory, shownAs, limits, error, revisionPrefix: true) : null;
        var before = rendered?.Bundles;
        if (!based.Exists)
        {
            error.WriteLine($"note: {shownAs.TrimEnd('/')} does not exist: every cluster is new");
        }
        var names = (before?.Keys ?? []).Union(current.Bundles.Keys).Order(StringComparer.Ordinal).ToList();
        var diffs = new ClusterDiff?[names.Count];
        Parallel.For(0, names.Count, i =>
        {
            var was = before?.GetValueOrDefault(names[i]);
            var now = current.Bundles.GetValueOrDefault(names[i]);
            if (was is null || now is null || was.ContentDigest != now.ContentDigest)
            {
                diffs[i] = comparer.Compare(names[i], was is null ? null : RenderedFleet.Document(was), now is null ? null : RenderedFleet.Document(now));
            }
        });
        var clusters = diffs.OfType<ClusterDiff>().ToList();
        return ($"{revision} ({based.Sha})", clusters, rendered?.KubernetesVersions() ?? new Dictionary<string, string>());
    }
}
